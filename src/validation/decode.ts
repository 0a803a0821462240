// Form and query text as the schema sees it: repeated keys become arrays, numbers and booleans are read from text.
import type { FieldKind } from "../../generated/manifest.js";
import { type Location, type Violation, violation } from "../findings/violation.js";
import { type FormInput, formEntries } from "../form.js";

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

/** More distinct keys than any operation takes (createCall has 41): past this the rest are not read. */
export const MAX_FORM_FIELDS = 200;
/** More values for one key than any array field takes: past this the rest are not kept. */
export const MAX_VALUES_PER_KEY = 100;

/**
 * Turns form text into the typed object the schema describes; repeated keys of a scalar field are violations.
 * The object has no prototype, so that a key such as `__proto__` or `constructor` is read as the field it names.
 */
export function decodeForm(
  operation: string,
  location: Location,
  input: FormInput,
  kinds: Record<string, FieldKind> = {},
): { value: Record<string, unknown>; violations: Violation[] } {
  const grouped = new Map<string, unknown[]>();
  const counts = new Map<string, number>();
  let unread = 0;
  for (const [key, value] of formEntries(input)) {
    const values = grouped.get(key);
    if (values) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (values.length < MAX_VALUES_PER_KEY) values.push(value);
    } else if (grouped.size < MAX_FORM_FIELDS) {
      grouped.set(key, [value]);
      counts.set(key, 1);
    } else {
      unread += 1;
    }
  }
  const value: Record<string, unknown> = Object.create(null);
  const violations: Violation[] = [];
  if (unread > 0) {
    const expected = `at most ${MAX_FORM_FIELDS} distinct fields (${unread} more were not read)`;
    violations.push(violation(operation, location, "(form)", "too-many-fields", expected));
  }
  for (const [key, values] of grouped) {
    const kind = Object.hasOwn(kinds, key) ? (kinds[key] as FieldKind) : "string";
    if (kind === "array") {
      value[key] = values;
      continue;
    }
    if (values.length > 1) {
      const expected = `one value (the key was sent ${counts.get(key)} times)`;
      violations.push(violation(operation, location, key, "single-value", expected, values));
    }
    value[key] = fromText(kind, values[0]);
  }
  return { value, violations };
}
