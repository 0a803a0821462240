// Form and query text as the schema sees it: repeated keys become arrays, numbers and booleans are read from text.
import type { FieldKind } from "../../generated/manifest.js";
import { type FormInput, formEntries } from "../form.js";
import { type Location, type Violation, violation } from "./violations.js";

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
      const expected = `one value (the key was sent ${values.length} times)`;
      violations.push(violation(operation, location, key, "single-value", expected, values));
    }
    value[key] = fromText(kind, values[0]);
  }
  return { value, violations };
}
