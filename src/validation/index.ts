// Validators compiled from the spec at codegen time (generated/validators.js), wrapped so that every error says
// which operation, where, which field, which rule, and what the value was.
import type { ErrorObject } from "ajv";
import * as compiled from "../../generated/validators.js";
import {
  type CompiledValidator,
  type FieldKind,
  type OperationId,
  operations,
  type WebhookId,
  webhooks,
} from "../../generated/validators.js";
import { type FormInput, formEntries } from "../form.js";

export type { OperationId, WebhookId };
export { operations, webhooks };
export type Location = "body" | "query" | "path" | "response";

export interface Violation {
  /** The operationId, or the schema name for a standalone object check such as validateCall. */
  operation: string;
  location: Location;
  /** The field as a user would name it: `Timeout`, `StatusCallbackEvent[1]`, `calls[0].sid`, `Url|Twiml|ApplicationSid`. */
  field: string;
  /** The schema keyword that failed (`maximum`, `pattern`, `required`, ...) or `single-value` for a repeated key. */
  rule: string;
  /** What the rule asks for, in words. */
  expected: string;
  /** The offending value (secrets redacted, long text shortened); absent when the field is missing. */
  value?: unknown;
  message: string;
}

export interface ValidationResult<T = unknown> {
  valid: boolean;
  violations: Violation[];
  /** The input as the schema saw it: form text decoded into arrays, numbers and booleans. */
  value: T;
}

export type { FormInput };

// Broad on purpose: a password or token under an unexpected name is still a secret.
const SECRET_FIELD = /pass|pasw|pwd|token|secret/i;
const validators = compiled as unknown as Record<string, CompiledValidator>;

function fromText(kind: FieldKind, value: unknown): unknown {
  if (typeof value !== "string") return value;
  // Text that does not parse is kept as text, so the schema reports "must be integer" with the real value.
  if (kind === "integer" && /^-?[0-9]+$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  if (kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

function redacted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redacted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[redacted]" : redacted(v)]),
  );
}

/** The value as a violation may show it: secrets redacted (also inside a whole body), long text shortened. */
function shown(field: string, value: unknown): unknown {
  const name =
    field
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? field;
  if (SECRET_FIELD.test(name)) return "[redacted]";
  if (typeof value === "string" && value.length > 60) return `${value.slice(0, 40)}… (${value.length} characters)`;
  return redacted(value);
}

function describe(
  operation: string,
  location: Location,
  field: string,
  rule: string,
  expected: string,
  value?: unknown,
): Violation {
  const hasValue = arguments.length > 5;
  const safe = hasValue ? shown(field, value) : undefined;
  const got = hasValue ? `, got ${JSON.stringify(safe)}` : "";
  return {
    operation,
    location,
    field,
    rule,
    expected,
    ...(hasValue ? { value: safe } : {}),
    message: `${operation} ${location}: ${field} breaks ${rule}: ${expected}${got}`,
  };
}

/** Turns form text into the typed object the schema describes; repeated keys of a scalar field are violations. */
export function decodeForm(
  operation: string,
  location: Location,
  input: FormInput,
  kinds: Record<string, FieldKind> = {},
): { value: Record<string, unknown>; violations: Violation[] } {
  const grouped = new Map<string, unknown[]>();
  for (const [key, value] of formEntries(input)) {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  const value: Record<string, unknown> = {};
  const violations: Violation[] = [];
  for (const [key, values] of grouped) {
    const kind = kinds[key] ?? "string";
    if (kind === "array") {
      value[key] = values;
      continue;
    }
    if (values.length > 1) {
      violations.push(
        describe(
          operation,
          location,
          key,
          "single-value",
          `one value (the key was sent ${values.length} times)`,
          values,
        ),
      );
    }
    value[key] = fromText(kind, values[0]);
  }
  return { value, violations };
}

function fieldName(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

function valueAt(data: unknown, instancePath: string): unknown {
  return fieldName(instancePath) === ""
    ? data
    : instancePath
        .split("/")
        .slice(1)
        .reduce<any>((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], data);
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

function firstSentence(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  return text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=\.)\s/)[0];
}

function expectedFor(error: ErrorObject): string {
  const hint = firstSentence((error.parentSchema as Record<string, unknown> | undefined)?.description);
  switch (error.keyword) {
    case "required":
      return "is required";
    case "enum":
      return `one of ${joinNames((error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)))}`;
    case "pattern":
    case "format":
      return hint ? `${hint} (${error.message})` : `${error.message}`;
    default:
      return error.message ?? error.keyword;
  }
}

function branchSchemas(error: ErrorObject): Array<Record<string, unknown>> {
  return Array.isArray(error.schema) ? (error.schema as Array<Record<string, unknown>>) : [];
}

/** Maps ajv's errors to violations, folding the per-branch noise of anyOf, oneOf and if/then into one line each. */
function toViolations(operation: string, location: Location, errors: ErrorObject[], data: unknown): Violation[] {
  const consumed = new Set<ErrorObject>();
  const childrenOf = new Map<ErrorObject, ErrorObject[]>();
  const isFold = (e: ErrorObject) => e.keyword === "anyOf" || e.keyword === "oneOf";
  errors.forEach((error, index) => {
    if (!isFold(error)) return;
    // Inline branches report under the fold's own schema path. Branches behind a $ref report paths relative to
    // the referenced schema, so for those take the run of errors on the same field just before the fold.
    const children = errors.filter((other) => other !== error && other.schemaPath.startsWith(`${error.schemaPath}/`));
    if (branchSchemas(error).some((b) => typeof b.$ref === "string")) {
      for (let j = index - 1; j >= 0 && errors[j]!.instancePath === error.instancePath && !isFold(errors[j]!); j--)
        children.push(errors[j]!);
    }
    children.forEach((c) => consumed.add(c));
    childrenOf.set(error, children);
  });
  const violations: Violation[] = [];
  for (const error of errors) {
    if (consumed.has(error) || error.keyword === "if") continue;
    const at = fieldName(error.instancePath);
    const prefix = at ? `${at}.` : "";
    const branches = branchSchemas(error);
    if (error.keyword === "required") {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      violations.push(describe(operation, location, `${prefix}${missing}`, "required", "is required"));
    } else if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(((error.parentSchema as Record<string, unknown>).properties as object) ?? {});
      const near = closest(extra, known);
      const expected = `a field ${operation} accepts${near ? ` (did you mean ${near}?)` : ""}`;
      // A misspelling of a secret field ("SipAuthPasswrd") carries the secret.
      const value = near && SECRET_FIELD.test(near) ? "[redacted]" : valueAt(data, `${error.instancePath}/${extra}`);
      violations.push(describe(operation, location, `${prefix}${extra}`, "additionalProperties", expected, value));
    } else if (isFold(error) && branches.every((b) => Array.isArray(b.required))) {
      const names = branches.flatMap((b) => b.required as string[]);
      // One of them was given but is malformed: its own violation says so, and "give one of" would mislead.
      const given = error.data && typeof error.data === "object" && names.some((n) => n in (error.data as object));
      if (!given)
        violations.push(
          describe(
            operation,
            location,
            `${prefix}${names.join("|")}`,
            error.keyword,
            `at least one of ${joinNames(names)}`,
          ),
        );
    } else if (isFold(error)) {
      // A nullable field (oneOf [X, null]) is best explained by what X asks for.
      const nullable = branches.some((b) => b.type === "null");
      const telling = (childrenOf.get(error) ?? []).find((c) => c.keyword !== "type");
      const hint = firstSentence((error.parentSchema as Record<string, unknown>).description);
      const names = branches.map(
        (b) =>
          String(b.$ref ?? b.type ?? "")
            .split("/")
            .pop() || "a listed form",
      );
      const expected =
        nullable && telling ? `${expectedFor(telling)}, or null` : (hint ?? `one of ${joinNames(names)}`);
      violations.push(describe(operation, location, at, error.keyword, expected, error.data));
    } else {
      violations.push(describe(operation, location, at, error.keyword, expectedFor(error), error.data));
    }
  }
  // A field checked both by its property and by an anyOf branch that repeats it reports the same rule twice.
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.field}\u0000${v.rule}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// Suggests the known name a misspelt field was probably meant to be (edit distance of at most 2).
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function run<T>(
  validatorName: string,
  operation: string,
  location: Location,
  value: unknown,
  earlier: Violation[] = [],
): ValidationResult<T> {
  const validate = validators[validatorName];
  if (!validate) throw new Error(`no compiled validator ${validatorName}; run npm run generate`);
  const ok = validate(value);
  const violations = [...earlier, ...(ok ? [] : toViolations(operation, location, validate.errors ?? [], value))];
  return { valid: violations.length === 0, violations, value: value as T };
}

function manifestOf(operationId: OperationId) {
  const manifest = operations[operationId];
  if (!manifest) throw new Error(`unknown operation ${operationId}; known: ${Object.keys(operations).join(", ")}`);
  return manifest;
}

/** Checks a request body as it arrives: form text, URLSearchParams, or an object of received or typed values. */
export function validateBody<T = Record<string, unknown>>(
  operationId: OperationId,
  form: FormInput,
): ValidationResult<T> {
  const manifest = manifestOf(operationId);
  if (!manifest.validators.body) throw new Error(`${operationId} takes no request body`);
  const decoded = decodeForm(operationId, "body", form, manifest.bodyFields);
  return run<T>(manifest.validators.body, operationId, "body", decoded.value, decoded.violations);
}

/** Checks query parameters (text values are read as the schema's types). */
export function validateQuery(operationId: OperationId, query: FormInput): ValidationResult {
  const manifest = manifestOf(operationId);
  const decoded = decodeForm(operationId, "query", query, manifest.queryFields);
  if (!manifest.validators.query) {
    const extra = Object.entries(decoded.value).map(([field, v]) =>
      describe(
        operationId,
        "query",
        field,
        "additionalProperties",
        `no query parameters (${operationId} takes none)`,
        v,
      ),
    );
    return { valid: extra.length === 0, violations: extra, value: decoded.value };
  }
  return run(manifest.validators.query, operationId, "query", decoded.value, decoded.violations);
}

/** Checks path parameters such as AccountSid and Sid. */
export function validatePathParams(operationId: OperationId, params: Record<string, string>): ValidationResult {
  const manifest = manifestOf(operationId);
  return run(manifest.validators.path, operationId, "path", params);
}

/** Checks a response body against the schema the spec declares for that operation and status. */
export function validateResponse(operationId: OperationId, status: number, body: unknown): ValidationResult {
  const manifest = manifestOf(operationId);
  const declared = manifest.validators.responses;
  if (!(String(status) in declared)) {
    const expected = `one of the declared statuses ${joinNames(Object.keys(declared))}`;
    return {
      valid: false,
      violations: [describe(operationId, "response", "(status)", "declared-status", expected, status)],
      value: body,
    };
  }
  const validatorName = declared[String(status)];
  if (validatorName === null || validatorName === undefined) {
    const empty = body === undefined || body === null || body === "";
    const violations = empty
      ? []
      : [describe(operationId, "response", "(body)", "empty-body", `no body for ${status}`, body)];
    return { valid: empty, violations, value: body };
  }
  return run(validatorName, operationId, "response", body);
}

/** Form body of createCall. */
export const validateCreateCallRequest = (form: FormInput) => validateBody("createCall", form);
/** Form body of updateCall. */
export const validateUpdateCallRequest = (form: FormInput) => validateBody("updateCall", form);
/** Query of listCalls. */
export const validateListCallsQuery = (query: FormInput) => validateQuery("listCalls", query);
/** A Call object, as createCall, fetchCall and updateCall return it. */
export const validateCall = (call: unknown) => run("fetchCall_response_200", "Call", "response", call);
/** One page of listCalls. */
export const validateCallPage = (page: unknown) => run("listCalls_response_200", "CallPage", "response", page);
/** Twilio's error body. */
export const validateTwilioError = (body: unknown) => run("fetchCall_response_404", "TwilioError", "response", body);

/** Checks the form body of a request Twilio sends to your application (status callback, voice request, ...). */
export function validateWebhook<T = Record<string, unknown>>(
  webhookId: WebhookId,
  form: FormInput,
): ValidationResult<T> {
  const manifest = webhooks[webhookId];
  if (!manifest) throw new Error(`unknown webhook ${webhookId}; known: ${Object.keys(webhooks).join(", ")}`);
  const decoded = decodeForm(webhookId, "body", form, manifest.bodyFields);
  return run<T>(manifest.validator, webhookId, "body", decoded.value, decoded.violations);
}
