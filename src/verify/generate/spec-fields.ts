// The request fields of an operation as the compiled spec declares them (generated/calls.canonical.json): each
// query or body field's schema, with the name of the component it refers to, for the value models (values.ts).
import type { OperationId } from "../../../generated/manifest.js";
import { requirePackageFile } from "../../package-files.js";
import { operations } from "../../validation/index.js";

export type Schema = Record<string, unknown>;
type Doc = {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Schema> };
};

let canonical: Doc | undefined;
const doc = (): Doc => {
  canonical ??= requirePackageFile<Doc>("generated/calls.canonical.json");
  return canonical;
};

const refName = (schema: Schema | undefined) =>
  typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined;

/** A schema with its `$ref` followed (once per hop), its own keywords kept over the referenced ones. */
export function resolved(schema: Schema | undefined): Schema {
  let current: Schema = schema ?? {};
  for (let hops = 0; typeof current.$ref === "string" && hops < 8; hops++) {
    const { $ref, ...own } = current;
    const target = doc().components.schemas[String($ref).split("/").pop() ?? ""] ?? {};
    current = { ...target, ...own };
  }
  return current;
}

export interface SpecField {
  name: string;
  /** The component the field's schema refers to (Address, CallbackUrl...), when it refers to one. */
  component?: string;
  schema: Schema;
  required: boolean;
}

function operationObject(operation: OperationId): Schema {
  const manifest = operations[operation];
  return (doc().paths[manifest.path]?.[manifest.method.toLowerCase()] ?? {}) as Schema;
}

function parameter(entry: Schema): Schema {
  const name = refName(entry);
  return name ? (doc().components.parameters[name] ?? {}) : entry;
}

const cache = new Map<string, SpecField[]>();

/** The query or body fields of an operation, in the spec's order. */
export function specFields(operation: OperationId, location: "query" | "body"): SpecField[] {
  const key = `${operation} ${location}`;
  const known = cache.get(key);
  if (known) return known;
  const op = operationObject(operation);
  let fields: SpecField[];
  if (location === "query") {
    fields = ((op.parameters ?? []) as Schema[])
      .map(parameter)
      .filter((p) => p.in === "query")
      .map((p) => ({
        name: String(p.name),
        component: refName(p.schema as Schema),
        schema: resolved(p.schema as Schema),
        required: p.required === true,
      }));
  } else {
    const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
    const body = resolved(content?.["application/x-www-form-urlencoded"]?.schema as Schema | undefined);
    const required = new Set((body.required ?? []) as string[]);
    fields = Object.entries((body.properties ?? {}) as Record<string, Schema>).map(([name, schema]) => ({
      name,
      component: refName(schema),
      schema: resolved(schema),
      required: required.has(name),
    }));
  }
  cache.set(key, fields);
  return fields;
}
