// The spec read as data, for suites that derive their cases from it. They derive from the canonical document
// (advisory rules merged), so that a value they build as valid draws neither an error nor a warning.
import truth from "../../generated/calls.bundled.json" with { type: "json" };
import canonical from "../../generated/calls.canonical.json" with { type: "json" };
import { eachOperation, formBodySchema, resolveRef, type Schema, type Spec } from "../../scripts/openapi.js";

export type { Schema };
export const spec = canonical as unknown as Spec;
export const examples = (spec.components.examples ?? {}) as Record<string, { value: unknown }>;

export function resolve<T = Schema>(node: unknown): T {
  return resolveRef<T>(spec, node);
}

/** The truth as written in openapi/calls.yaml: what Twilio accepts, where a few fields are looser. */
export const truthSpec = truth as unknown as Spec;
export function resolveTruth<T = Schema>(node: unknown): T {
  return resolveRef<T>(truthSpec, node);
}

/** Every operation of the bundled spec (and its webhooks when asked). */
export const operationsOf = (options: { webhooks?: boolean } = {}) => eachOperation(spec, options);

/** The fields an operation takes: its form body's properties, or else its query parameters. */
export function requestFields(operationId: string, document: Spec = spec): Record<string, Schema> {
  const entry = eachOperation(document).find((e) => e.operation.operationId === operationId);
  if (!entry) throw new Error(`no operation ${operationId}`);
  const body = formBodySchema(document, entry.operation);
  if (body) return body.properties ?? {};
  return Object.fromEntries(entry.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.schema]));
}
