// What a finding may show of a value or a name: never a secret, never a whole long text, never more structure
// than a person can read (a hostile body may nest 100,000 levels or repeat a key 100,000 times). Secrets are
// decided in secrets.ts; this module only applies its rule.

import { isSecretName, REDACTED } from "../secrets.js";

const LONG_TEXT = 60;
const MAX_DEPTH = 8;
const MAX_ITEMS = 10;

/** Long text cut to its start and its length. */
export function shortText(text: string, limit = LONG_TEXT): string {
  return text.length > limit ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}

/** A copy of the value with every secret-named key's value replaced, cut at a readable depth and breadth. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return shortText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[… nested deeper]" : "{… nested deeper}";
  if (Array.isArray(value)) {
    const shown: unknown[] = value.slice(0, MAX_ITEMS).map((item) => redactSecrets(item, depth + 1));
    return value.length > MAX_ITEMS ? [...shown, `… (${value.length} items)`] : shown;
  }
  const entries = Object.entries(value);
  const shown = entries
    .slice(0, MAX_ITEMS * 4)
    .map(([k, v]) => [shortText(k), isSecretName(k) ? REDACTED : redactSecrets(v, depth + 1)]);
  if (entries.length > MAX_ITEMS * 4) shown.push(["…", `${entries.length} keys`]);
  return Object.fromEntries(shown);
}

/** The value as a finding about `field` may show it: secrets redacted (also inside a whole body), long text cut. */
export function shownValue(field: string, value: unknown): unknown {
  const name =
    field
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? field;
  if (isSecretName(name)) return REDACTED;
  return redactSecrets(value);
}
