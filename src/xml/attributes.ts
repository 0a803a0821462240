// The attributes of a start tag, each `name="value"` with its value decoded. A tag broken by a mistake is
// resumed after its probable end, so that the element is kept and its end tag still matches.
import { type Cursor, GREATER_THAN, printable, SLASH } from "./cursor.js";
import type { XmlAttribute } from "./handler.js";
import { decode } from "./text.js";

/** The tag is broken: reading resumes after its probable end. */
const BROKEN = -1;
/** The tag runs to the end of the document: reading stops there. */
const SPENT = -2;

/**
 * Reads the attributes of the start tag `<name` at `lt` into `attributes`, and leaves the cursor after the tag.
 * True when the tag closes itself (`/>`).
 */
export function readAttributes(c: Cursor, name: string, lt: number, attributes: XmlAttribute[]): boolean {
  const { xml } = c;
  let j = lt + 1 + name.length;
  for (;;) {
    const spaced = c.skipSpace(j);
    const next = xml.charCodeAt(spaced);
    if (next === GREATER_THAN) {
      c.at = spaced + 1;
      return false;
    }
    if (next === SLASH && xml.charCodeAt(spaced + 1) === GREATER_THAN) {
      c.at = spaced + 2;
      return true;
    }
    if (Number.isNaN(next)) {
      c.report("xml", lt, `<${name}> ended by > before the document ends`, `<${name}`);
      c.stop();
      return false;
    }
    const after = readAttribute(c, j, spaced, attributes);
    if (after === SPENT) {
      c.stop();
      return false;
    }
    if (after === BROKEN) return resume(c, j);
    j = after;
  }
}

/** Resumes after the next `>` from `from`; true when it ends `/>`. */
function resume(c: Cursor, from: number): boolean {
  const close = c.xml.indexOf(">", from);
  c.at = close < 0 ? c.length : close + 1;
  return close > 0 && c.xml.charCodeAt(close - 1) === SLASH;
}

/**
 * Reads the attribute whose name is at `spaced` (the previous one ended at `from`); returns where it ends, or
 * BROKEN or SPENT.
 */
function readAttribute(c: Cursor, from: number, spaced: number, attributes: XmlAttribute[]): number {
  const { xml } = c;
  const name = spaced === from ? undefined : c.readName(spaced);
  if (name === undefined) {
    const expected = spaced === from ? "whitespace before the next attribute" : "an attribute name, > or />";
    c.report("xml", spaced, expected, printable(xml.slice(spaced, spaced + 12)));
    return BROKEN;
  }
  let k = c.skipSpace(spaced + name.length);
  if (xml.charCodeAt(k) !== 0x3d /* = */) {
    c.report("xml", spaced, `${name}="value": every attribute needs a quoted value`, name);
    return BROKEN;
  }
  k = c.skipSpace(k + 1);
  const quote = xml.charCodeAt(k);
  if (quote !== 0x22 && quote !== 0x27) {
    c.report("xml", k, `a value in quotes after ${name}=`, printable(xml.slice(k, k + 12)));
    return BROKEN;
  }
  const close = xml.indexOf(quote === 0x22 ? '"' : "'", k + 1);
  if (close < 0) {
    c.report("xml", k, `the value of ${name} closed by its quote`, printable(xml.slice(k, k + 12)));
    return SPENT;
  }
  addAttribute(c, attributes, name, spaced, k + 1, close);
  return close + 1;
}

/** The attribute `name` at `offset`, its raw value from `from` to `to`; a repeated name is reported instead. */
function addAttribute(c: Cursor, attributes: XmlAttribute[], name: string, offset: number, from: number, to: number) {
  const raw = c.xml.slice(from, to);
  const lessThan = raw.indexOf("<");
  if (lessThan >= 0) c.report("xml", from + lessThan, "< written as &lt; in an attribute value", "<");
  let repeated = false;
  for (const earlier of attributes) if (earlier.name === name) repeated = true;
  if (repeated) {
    c.report("xml", offset, "each attribute once per element", name);
    return;
  }
  const decoded = decode(c, raw, from);
  const layout = decoded.indexOf("\n") >= 0 || decoded.indexOf("\t") >= 0 || decoded.indexOf("\r") >= 0;
  attributes.push({ name, value: layout ? decoded.replace(/[\t\n\r]/g, " ") : decoded, offset });
}
