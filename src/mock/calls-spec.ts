// The Calls spec as the mock serves it (generated/calls.bundled.json, shipped in the package), and the defaults it
// states: where the mock acts on a field the request left out, it reads the spec's default from here rather than
// writing the number again, so that a default changed in openapi/calls.yaml changes what the mock does.

import { readFileSync } from "node:fs";
import { packagePath } from "../package-files.js";
import { type OperationId, operations } from "../validation/index.js";

/** The spec document the mock serves, shipped in the package. */
export const MOCK_SPEC_PATH = packagePath("generated", "calls.bundled.json");

type SpecNode = Record<string, unknown>;

// Read on the first default asked for, not at import: the stateless mock and the client never need it.
let document: SpecNode | undefined;

/** Follows local `$ref`s until a node that is not one. */
function resolved(spec: SpecNode, node: unknown): SpecNode {
  let current = node as SpecNode | undefined;
  for (let hops = 0; typeof current?.$ref === "string"; hops++) {
    if (hops > 16) throw new Error(`$ref cycle at ${current.$ref}`);
    const pointer = (current.$ref as string).replace(/^#\//, "").split("/");
    current = pointer.reduce<SpecNode | undefined>((at, key) => at?.[key] as SpecNode | undefined, spec);
  }
  if (current === undefined) throw new Error("the Calls spec refers to a node it does not have");
  return current;
}

function fieldSchema(spec: SpecNode, operationId: OperationId, location: "body" | "query", field: string): SpecNode {
  const { path, method } = operations[operationId];
  const operation = resolved(spec, resolved(spec, resolved(spec, spec.paths)[path])[method.toLowerCase()]);
  if (location === "query") {
    const parameters = ((operation.parameters as unknown[] | undefined) ?? []).map((p) => resolved(spec, p));
    return (parameters.find((p) => p.in === "query" && p.name === field)?.schema as SpecNode | undefined) ?? {};
  }
  const content = resolved(spec, operation.requestBody).content as Record<string, { schema?: unknown }>;
  const body = resolved(spec, Object.values(content)[0]?.schema);
  return (body.properties as Record<string, SpecNode> | undefined)?.[field] ?? {};
}

// A default beside a `$ref` (OpenAPI 3.1 allows one) is the field's own; else the referenced schema's counts.
function defaultOf(spec: SpecNode, schema: SpecNode): unknown {
  return "default" in schema || typeof schema.$ref !== "string"
    ? schema.default
    : defaultOf(spec, resolved(spec, schema));
}

/** The number the Calls spec states as the default of an operation's body field or query parameter. */
export function specDefaultNumber(operationId: OperationId, location: "body" | "query", field: string): number {
  document ??= JSON.parse(readFileSync(MOCK_SPEC_PATH, "utf8")) as SpecNode;
  const stated = defaultOf(document, fieldSchema(document, operationId, location, field));
  if (typeof stated !== "number") throw new Error(`the Calls spec states no default number for ${field}`);
  return stated;
}
