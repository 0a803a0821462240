// Turns ajv's errors into violations a person can act on: which operation, where, which field, which rule, what
// the rule asks for, and what the value was. What a violation is and how it is worded is src/findings/.
import type { ErrorObject } from "../../generated/validators.cjs";
import { closestName, joinNames } from "../findings/names.js";
import { type Location, type Violation, violation } from "../findings/violation.js";
import { isSecretName, REDACTED } from "../secrets.js";

export interface ValidationResult<T = unknown> {
  /** True when there is no error; warnings alone leave it true. */
  valid: boolean;
  /** The errors: what Twilio would refuse, or would never send. */
  violations: Violation[];
  /** What Twilio accepts, but the contract's advisory rules advise against. */
  warnings: Violation[];
  /** The input as the schema saw it: form text decoded into arrays, numbers and booleans. */
  value: T;
}

function warning(
  operation: string,
  location: Location,
  field: string,
  rule: string,
  expected: string,
  ...value: [] | [unknown]
) {
  const found = violation(operation, location, field, rule, expected, ...value);
  return { ...found, severity: "warning" as const, message: `${found.message} (warning)` };
}

function fieldName(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

function valueAt(data: unknown, instancePath: string): unknown {
  return instancePath
    .split("/")
    .slice(1)
    .reduce<unknown>(
      (at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      data,
    );
}

const quote = (value: unknown) => JSON.stringify(value);

const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf)\.$/i;

/** The first whole sentence of a description; a period after "e.g." or inside `code` does not end it. */
export function firstSentence(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const flat = text.replace(/\s+/g, " ").trim();
  let inCode = false;
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (c === "`") inCode = !inCode;
    if (inCode || (c !== "." && c !== "!" && c !== "?")) continue;
    if (i + 1 < flat.length && flat[i + 1] !== " ") continue;
    if (!ABBREVIATION.test(flat.slice(Math.max(0, i - 5), i + 1))) return flat.slice(0, i + 1);
  }
  return flat;
}

function expectedFor(error: ErrorObject): string {
  const hint = firstSentence((error.parentSchema as Record<string, unknown> | undefined)?.description);
  switch (error.keyword) {
    case "required":
      return "is required";
    case "enum":
      return `one of ${joinNames((error.params as { allowedValues: unknown[] }).allowedValues.map(quote))}`;
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

const isFold = (e: ErrorObject) => e.keyword === "anyOf" || e.keyword === "oneOf";

/** Maps ajv's errors to violations, folding the per-branch noise of anyOf, oneOf and if/then into one line each. */
export function toViolations(operation: string, location: Location, errors: ErrorObject[], data: unknown): Violation[] {
  const consumed = new Set<ErrorObject>();
  const childrenOf = new Map<ErrorObject, ErrorObject[]>();
  errors.forEach((error, index) => {
    if (!isFold(error)) return;
    // Inline branches report under the fold's own schema path. Branches behind a $ref report paths relative to
    // the referenced schema, so for those take the run of errors on the same field just before the fold.
    const children = errors.filter((other) => other !== error && other.schemaPath.startsWith(`${error.schemaPath}/`));
    if (branchSchemas(error).some((b) => typeof b.$ref === "string")) {
      for (let j = index - 1; j >= 0; j--) {
        const earlier = errors[j] as ErrorObject;
        if (earlier.instancePath !== error.instancePath || isFold(earlier)) break;
        children.push(earlier);
      }
    }
    for (const child of children) consumed.add(child);
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
      violations.push(violation(operation, location, `${prefix}${missing}`, "required", "is required"));
    } else if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(((error.parentSchema as Record<string, unknown>).properties as object) ?? {});
      const near = closestName(extra, known);
      const expected = `a field ${operation} accepts${near ? ` (did you mean ${near}?)` : ""}`;
      // A misspelling of a secret field ("SipAuthPasswrd") carries the secret.
      const value = near && isSecretName(near) ? REDACTED : valueAt(data, `${error.instancePath}/${extra}`);
      violations.push(violation(operation, location, `${prefix}${extra}`, "additionalProperties", expected, value));
    } else if (isFold(error) && branches.every((b) => Array.isArray(b.required))) {
      const names = branches.flatMap((b) => b.required as string[]);
      // One of them was given but is malformed: its own violation says so, and "give one of" would mislead.
      const given = error.data && typeof error.data === "object" && names.some((n) => n in (error.data as object));
      if (!given) {
        const expected = `at least one of ${joinNames(names)}`;
        violations.push(violation(operation, location, `${prefix}${names.join("|")}`, error.keyword, expected));
      }
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
      violations.push(violation(operation, location, at, error.keyword, expected, error.data));
    } else {
      violations.push(violation(operation, location, at, error.keyword, expectedFor(error), error.data));
    }
  }
  // A field checked both by its property and by an anyOf branch that repeats it reports the same rule twice.
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.field}\u0000${v.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The mark codegen leaves on every node of the canonical document that an advisory rule touched (several: a list). */
interface AdvisoryMark {
  rule: string;
  description: string;
  keywords: string[] | "*";
  /** The keys an advisory added to `required`; a missing one is that rule's warning. */
  required?: string[];
}

function advisoryMark(error: ErrorObject): AdvisoryMark | undefined {
  const marks = (error.parentSchema as Record<string, unknown> | undefined)?.["x-advisory-rule"] as
    | AdvisoryMark
    | AdvisoryMark[]
    | undefined;
  const missing = error.keyword === "required" ? (error.params as { missingProperty: string }).missingProperty : "";
  return [marks ?? []].flat().find((mark) => {
    if (mark.keywords !== "*" && !mark.keywords.includes(error.keyword)) return false;
    return !mark.required || mark.required.includes(missing);
  });
}

/**
 * The warnings in the errors of a strict (canonical) validator: the failures of advisory keywords, named by their
 * rule. A field that already has an error gets no warning: the error says more.
 */
export function toWarnings(
  operation: string,
  location: Location,
  strictErrors: ErrorObject[],
  data: unknown,
  errors: Violation[],
): Violation[] {
  const failing = new Set(errors.map((e) => e.field));
  // An object that already lacks a key Twilio has always sent is broken, not old: no added-later warning for it.
  const incomplete = new Set(
    errors.filter((e) => e.rule === "required").map((e) => e.field.slice(0, Math.max(0, e.field.lastIndexOf(".")))),
  );
  const warnings: Violation[] = [];
  const seen = new Set<string>();
  for (const error of strictErrors) {
    const mark = advisoryMark(error);
    if (!mark) continue;
    const at = fieldName(error.instancePath);
    let field = at;
    let value: unknown = error.data;
    if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      field = at ? `${at}.${extra}` : extra;
      value = valueAt(data, `${error.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
    // A key an advisory requires (added-later) is named itself, and has no value to show.
    const missing = error.keyword === "required" ? (error.params as { missingProperty: string }).missingProperty : "";
    if (missing) field = at ? `${at}.${missing}` : missing;
    const key = `${field}\u0000${mark.rule}`;
    if (failing.has(field) || seen.has(key) || (missing && incomplete.has(at))) continue;
    seen.add(key);
    const expected = firstSentence(mark.description) ?? mark.rule;
    const shown: [] | [unknown] = missing ? [] : [value];
    warnings.push(warning(operation, location, field, mark.rule, expected, ...shown));
  }
  return warnings;
}
