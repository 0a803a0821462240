// The one module that decides what a secret is and how it is hidden. Everything that writes text about traffic
// (violations, the journal, HAR files, reports, error objects, terminal lines) asks it, so a new secret name or a new
// way a token travels is taught here once.

/** What stands where a secret was, in every output of the project. */
export const REDACTED = "[redacted]";

// Broad on purpose: a password or token under an unexpected name (SipAuthPasswrd, CallToken, Passports) is still
// a secret. A page cursor is not one: it is public in every next_page_uri, and hiding it would break the reading
// of a list.
const SECRET_NAME = /pass|pasw|pwd|token|secret|passport/i;
const NOT_SECRET = new Set(["PageToken"]);

/** Whether a parameter, field or key of this name holds a secret. */
export function isSecretName(name: string): boolean {
  return !NOT_SECRET.has(name) && SECRET_NAME.test(name);
}

/** Headers whose whole value is a credential though their names do not say so. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "x-twilio-signature",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

/** Whether a header's whole value is a credential: one of SECRET_HEADERS, or one named like a secret (X-Auth-Token). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || isSecretName(name);
}

/**
 * The forms an auth token travels in: raw, as `sid:token`, as the base64 of that (the Basic header) and of the token
 * alone, percent-encoded. A server that echoes it in another letter case is caught by the scrubber, which ignores
 * case.
 */
export function credentialForms(accountSid: string, authToken: string): string[] {
  const pair = `${accountSid}:${authToken}`;
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  return [authToken, pair, base64(pair), base64(authToken), encodeURIComponent(authToken)];
}

/** Every way a secret value may show up in text: as it is, percent-encoded, form-encoded, and inside a JSON string. */
export function spellings(value: string): string[] {
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  return [value, encodeURIComponent(value), form, JSON.stringify(value).slice(1, -1)];
}

/**
 * A function that replaces every occurrence of every secret in one pass (one regular expression beats a split and
 * join per secret when a dozen are scrubbed per exchange); longer secrets first, so that a token inside `sid:token`
 * does not leave the rest of the pair behind. Secrets shorter than 4 characters are left alone: they would hide
 * ordinary text and protect nothing.
 */
export function secretScrubber(secrets: string[]): (text: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  // Case ignored: a token is hex, and a server may echo it in capitals; hiding a word that differs only in case costs
  // a reader less than showing a secret.
  const pattern = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
  return (text) => text.replace(pattern, REDACTED);
}

/** A copy of a JSON-like value with every string scrubbed, cut at a depth no honest body reaches. */
export function scrubValue(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 32) return "[… nested deeper]";
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubValue(v, scrub, depth + 1)]));
}
