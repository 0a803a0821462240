// How the admin API words a request that breaks a rule of openapi/mock-admin.yaml: the field, what its rule asks
// for, and the value it got. What a rule asks for is read from the field's schema (its type and unit, its range,
// its values, or the description of its pattern), so that the document stays the one statement of each limit.
import type { ErrorObject } from "../../../generated/mock-admin-validators.cjs";
import { shortText, shownValue } from "../../findings/redact.js";
import { firstSentence } from "../../validation/violations.js";

export type AdminLocation = "path" | "query" | "body";

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
  /** The unit a number counts, stated beside it in the document. */
  "x-unit"?: string;
  properties?: Record<string, FieldSchema>;
}

const UNKNOWN_NAME: Record<AdminLocation, string> = { path: "path parameter", query: "query parameter", body: "field" };

function range(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  return maximum === undefined ? "" : ` of at most ${maximum}`;
}

/** Text and the lengths it may have: "text of 1 to 256 characters". */
function textOf(minLength: number | undefined, maxLength: number | undefined): string {
  if (minLength !== undefined && maxLength !== undefined) return `text of ${minLength} to ${maxLength} characters`;
  if (minLength !== undefined) return `text of at least ${minLength} character${minLength === 1 ? "" : "s"}`;
  return maxLength === undefined ? "text" : `text of at most ${maxLength} characters`;
}

/** What a field's schema asks for, in words: "a whole number of seconds from 0 to 86400", "only or none". */
export function expectedOf(schema: FieldSchema): string {
  if (schema.enum) {
    const values = schema.enum.map(String);
    return values.length <= 2 ? values.join(" or ") : `one of ${values.join(", ")}`;
  }
  if (schema.pattern) return firstSentence(schema.description)?.replace(/\.$/, "") ?? `text matching ${schema.pattern}`;
  if (schema.type === "integer" || schema.type === "number") {
    const unit = schema["x-unit"] ? ` of ${schema["x-unit"]}` : "";
    return `${schema.type === "integer" ? "a whole number" : "a number"}${unit}${range(schema.minimum, schema.maximum)}`;
  }
  if (schema.type === "object") return "a JSON object";
  if (schema.type === "boolean") return "true or false";
  return textOf(schema.minLength, schema.maxLength);
}

/** The errors inside a failed anyOf: why each of its alternatives failed. */
function branchErrors(group: ErrorObject, errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.schemaPath.startsWith(`${group.schemaPath}/`));
}

/** The sentence for a missing field, or for alternatives that each miss one: "voiceUrl or smsUrl is required". */
function requiredMessage(required: ErrorObject[]): string {
  const names = required.map((e) => String(e.params.missingProperty));
  const expected = [
    ...new Set(
      required.map((e) =>
        expectedOf((e.parentSchema as FieldSchema).properties?.[String(e.params.missingProperty)] ?? {}),
      ),
    ),
  ];
  return `${names.join(" or ")} is required${expected.length === 1 ? `: ${expected[0]}` : ""}`;
}

/**
 * The one sentence a 400 of the admin API says: the first unknown name if any, else the first broken rule outside an
 * anyOf (a wrong value says more than a missing alternative), else the fields an anyOf's alternatives each need.
 */
export function violationMessage(location: AdminLocation, errors: ErrorObject[]): string {
  const groups = errors.filter((e) => e.keyword === "anyOf");
  const grouped = new Set(groups.flatMap((group) => [group, ...branchErrors(group, errors)]));
  const error =
    errors.find((e) => e.keyword === "additionalProperties") ?? errors.find((e) => !grouped.has(e)) ?? errors[0];
  if (!error) return `the ${location} breaks a rule of openapi/mock-admin.yaml`;
  const group = groups.find((g) => g === error || branchErrors(g, errors).includes(error));
  if (group) {
    const branches = branchErrors(group, errors);
    if (branches.length > 0 && branches.every((e) => e.keyword === "required")) return requiredMessage(branches);
    return ruleMessage(location, branches.find((e) => e.keyword !== "required") ?? error);
  }
  return ruleMessage(location, error);
}

/** The sentence for one broken rule. */
function ruleMessage(location: AdminLocation, error: ErrorObject): string {
  const parent = (error.parentSchema ?? {}) as FieldSchema;
  if (error.keyword === "additionalProperties") {
    const name = shortText(String(error.params.additionalProperty));
    const known = Object.keys(parent.properties ?? {}).join(", ");
    return `unknown ${UNKNOWN_NAME[location]} ${name}; the ${location} takes ${known}`;
  }
  if (error.keyword === "required") return requiredMessage([error]);
  const field = error.instancePath.slice(1).replace(/~1/g, "/").replace(/~0/g, "~");
  if (field === "") return `the ${location} must be ${expectedOf(parent)}`;
  return `${field} must be ${expectedOf(parent)}, got ${JSON.stringify(shownValue(field, error.data))}`;
}
