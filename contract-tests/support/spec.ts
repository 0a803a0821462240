// The bundled spec, read as data, for suites that derive their cases from it.
import bundled from "../../generated/calls.bundled.json" with { type: "json" };
import { eachOperation, formBodySchema, resolveRef, type Schema, type Spec } from "../../scripts/openapi.js";

export type { Schema };
export const spec = bundled as unknown as Spec;
export const examples = (spec.components.examples ?? {}) as Record<string, { value: unknown }>;

export function resolve<T = Schema>(node: unknown): T {
  return resolveRef<T>(spec, node);
}

/** Every operation of the bundled spec (and its webhooks when asked). */
export const operationsOf = (options: { webhooks?: boolean } = {}) => eachOperation(spec, options);

/** The fields an operation takes: its form body's properties, or else its query parameters. */
export function requestFields(operationId: string): Record<string, Schema> {
  const entry = operationsOf().find((e) => e.operation.operationId === operationId);
  if (!entry) throw new Error(`no operation ${operationId}`);
  const body = formBodySchema(spec, entry.operation);
  if (body) return body.properties ?? {};
  return Object.fromEntries(entry.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.schema]));
}
