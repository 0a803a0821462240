// Text that leaves the process as characters a reader can trust: a terminal line shows control characters
// written out instead of obeying them, and XML we write holds only what an XML 1.0 parser accepts. Secrets are
// another matter, decided in secrets.ts.

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
