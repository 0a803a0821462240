// Character data between tags, and the entity and character references in text and attribute values. No DTD is
// read, so only the five predefined entities exist and nothing can expand.
import { type Cursor, isSpace, printable } from "./cursor.js";

const ENTITY = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*))?;?/y;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The text from `from` up to `to` (the next `<` or the end), handed on inside an element, refused outside one. */
export function readText(c: Cursor, from: number, to: number): void {
  const { xml } = c;
  let first = from;
  while (first < to && isSpace(xml.charCodeAt(first))) first++;
  // Whitespace between tags is layout: no check reads it.
  if (first === to) return;
  const raw = xml.slice(from, to);
  if (c.open.length > 0) {
    const cdataEnd = raw.indexOf("]]>");
    if (cdataEnd >= 0) c.report("xml", from + cdataEnd, "]]> written as ]]&gt; in text", "]]>");
    c.handler.text(decode(c, raw, from), from);
    return;
  }
  let k = 0;
  while (k < raw.length && isSpace(raw.charCodeAt(k))) k++;
  if (k < raw.length)
    c.report("xml", from + k, "nothing but whitespace outside <Response>", printable(raw.slice(k).trim()));
}

/** Decodes entity and character references in text or an attribute value that starts at `offset`. */
export function decode(c: Cursor, raw: string, offset: number): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    out += raw.slice(from, amp);
    if (raw.startsWith("amp;", amp + 1)) {
      out += "&";
      from = amp + 5;
    } else {
      ENTITY.lastIndex = amp;
      // The pattern's every part is optional after "&", so it always matches here.
      const match = ENTITY.exec(raw) as RegExpExecArray;
      out += reference(c, match, offset + amp);
      from = amp + match[0].length;
    }
    amp = raw.indexOf("&", from);
  }
  return out + raw.slice(from);
}

/** One reference, `&...;` at `at` in the document, decoded; a malformed one is reported and kept as written. */
function reference(c: Cursor, match: RegExpExecArray, at: number): string {
  const [whole, decimal, hex, named] = match;
  const closed = whole.endsWith(";");
  if (closed && (decimal || hex)) {
    const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
    if (isXmlChar(code)) return String.fromCodePoint(code);
    c.report("xml", at, "a character reference to a character XML allows", whole);
    return whole;
  }
  if (closed && named && Object.hasOwn(PREDEFINED, named)) return PREDEFINED[named] as string;
  const expected = named
    ? closed
      ? "one of the predefined entities &lt; &gt; &amp; &quot; &apos; (no DTD is read)"
      : `a reference ending in ";" (or write & as &amp;)`
    : "& written as &amp;";
  c.report("xml", at, expected, printable(whole));
  return whole;
}

/** XML 1.0's Char production: what a character reference may stand for. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
