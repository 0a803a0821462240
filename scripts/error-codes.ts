// The Twilio error codes the spec gives its fields (`x-twilio-error-codes`), gathered per operation under the name
// a violation gives the field, so that the mock and the proxy respond to a broken field with Twilio's code.
import type { FieldErrorCodes } from "./manifest-types.js";
import type { OperationEntry, Schema, Spec } from "./openapi.js";

export const ERROR_CODES = "x-twilio-error-codes";

const code = { type: "integer", minimum: 10000, maximum: 99999 };
/** The keyword's own schema: ajv checks every occurrence in a schema against it. */
export const ERROR_CODES_SCHEMA = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: {
    missing: code,
    invalid: code,
    byRule: { type: "object", minProperties: 1, additionalProperties: code },
  },
};

const codesOf = (schema: Schema | undefined) => schema?.[ERROR_CODES] as FieldErrorCodes | undefined;

/**
 * A rule over several fields (anyOf or oneOf whose branches each require some) is reported under its fields'
 * names joined with `|`, as the validators name it (src/validation/violations.ts): `Url|Twiml|ApplicationSid`.
 */
function ruleField(schema: Schema): string {
  const branches = schema.anyOf ?? schema.oneOf ?? [];
  if (branches.length === 0 || !branches.every((b) => Array.isArray(b.required))) {
    throw new Error(`${ERROR_CODES} on a rule needs anyOf or oneOf branches that each list required fields`);
  }
  return branches.flatMap((b) => b.required as string[]).join("|");
}

/** The codes of a form body: on its properties, and on the rules its allOf states over several of them. */
function bodyCodes(body: Schema, read: Set<unknown>): Array<[string, FieldErrorCodes]> {
  const found: Array<[string, FieldErrorCodes]> = [];
  for (const [name, property] of Object.entries(body.properties ?? {})) {
    const codes = codesOf(property);
    if (!codes) continue;
    found.push([name, codes]);
    read.add(property);
  }
  for (const rule of body.allOf ?? []) {
    const codes = codesOf(rule);
    if (!codes) continue;
    found.push([ruleField(rule), codes]);
    read.add(rule);
  }
  return found;
}

/**
 * One operation's codes by field name, whether the field is a parameter or in the form body (a violation's field
 * names no location). `read` collects the nodes read, for assertAllErrorCodesRead.
 */
export function operationErrorCodes(
  entry: OperationEntry,
  body: Schema | undefined,
  read: Set<unknown>,
): Record<string, FieldErrorCodes> {
  const parameters = entry.parameters.filter((p) => codesOf(p.schema));
  for (const p of parameters) read.add(p.schema);
  const found = [
    ...parameters.map((p): [string, FieldErrorCodes] => [p.name, codesOf(p.schema) as FieldErrorCodes]),
    ...(body ? bodyCodes(body, read) : []),
  ];
  const codes: Record<string, FieldErrorCodes> = {};
  for (const [field, fieldCodes] of found) {
    if (Object.hasOwn(codes, field)) throw new Error(`${entry.operation.operationId}: two ${ERROR_CODES} for ${field}`);
    codes[field] = fieldCodes;
  }
  return codes;
}

/** Throws when the spec holds an `x-twilio-error-codes` that codegen did not read: it would be silently lost. */
export function assertAllErrorCodesRead(spec: Spec, read: Set<unknown>): void {
  const unread: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object") return;
    if (ERROR_CODES in node && !read.has(node)) unread.push(at);
    for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
  };
  walk(spec, "#");
  if (unread.length > 0) {
    throw new Error(
      `${ERROR_CODES} where codegen does not read it (a body property, a rule of a body's allOf or a parameter's schema): ${unread.join(", ")}`,
    );
  }
}
