// The bundled spec, read as data, for suites that derive their cases from it.
import bundled from "../../generated/calls.bundled.json" with { type: "json" };

export const spec = bundled as unknown as {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; examples: Record<string, { value: any }> };
};

export function resolve(node: any): any {
  while (node && typeof node.$ref === "string") {
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at: any, key: string) => at[key], spec);
  }
  return node;
}
