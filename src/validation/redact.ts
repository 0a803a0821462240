// What a violation may show of a value: never a secret, never a whole long text.

// Broad on purpose: a password or token under an unexpected name is still a secret.
const SECRET_FIELD = /pass|pasw|pwd|token|secret/i;
export const REDACTED = "[redacted]";
const LONG_TEXT = 60;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** A copy of the value with every secret-named key's value replaced, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretField(k) ? REDACTED : redactSecrets(v)]));
}

/** The value as a violation of `field` may show it: secrets redacted (also inside a whole body), long text cut. */
export function shownValue(field: string, value: unknown): unknown {
  const name =
    field
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? field;
  if (isSecretField(name)) return REDACTED;
  if (typeof value === "string" && value.length > LONG_TEXT) {
    return `${value.slice(0, 40)}… (${value.length} characters)`;
  }
  return redactSecrets(value);
}
