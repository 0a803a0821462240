// Every text that leaves the process (a terminal line, a report, an error object) passes through here: secrets are
// replaced in every form a server might echo them in, and characters that would drive a terminal or break a
// report are made visible instead.

export const SCRUBBED = "[redacted]";

/** The forms an auth token travels in: raw, as `sid:token`, and as the base64 of that (the Basic header). */
export function credentialForms(accountSid: string, authToken: string): string[] {
  const pair = `${accountSid}:${authToken}`;
  return [authToken, pair, Buffer.from(pair).toString("base64"), encodeURIComponent(authToken)];
}

/** A function that replaces every occurrence of every secret (shorter ones than 4 characters are left alone). */
export function secretScrubber(secrets: string[]): (text: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  return (text) => forms.reduce((out, secret) => out.split(secret).join(SCRUBBED), text);
}

/** A copy of a JSON-like value with every string scrubbed, cut at a depth no honest body reaches. */
export function scrubValue(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 32) return "[… nested deeper]";
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubValue(v, scrub, depth + 1)]));
}

// C0 and C1 controls but tab and newline, DEL, and the Unicode controls that reorder or break lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text a terminal shows as it is: every control character written out as `\u001b` and the like. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// What XML 1.0 does not allow at all, even escaped: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding forbidden characters is what this is for.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text an XML 1.0 parser accepts: each forbidden character written out as `\u0000` and the like. */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const XML_ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

/** Text and attribute values for XML we write: the five markup characters escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ESCAPES[c] as string);
}
