// A tokenizer for the part of XML that TwiML uses: the XML declaration, elements, attributes, text, comments,
// CDATA sections, processing instructions, and the five predefined entities plus character references. It reports
// every problem at the offset where it starts, and an element that is never closed at the element's own start tag.
// It recovers after a mistake so that one run lists every problem, and it reads no DTD, so no entity can expand.
// This module walks the document; each construct has its own reader, over one Cursor.
import { Cursor } from "./cursor.js";
import type { XmlHandler } from "./handler.js";
import { readCdata, readComment, readDeclaration, readProcessingInstruction } from "./markup.js";
import { closeAtEnd, readEndTag, readStartTag } from "./tags.js";
import { readText } from "./text.js";

// Characters XML 1.0 does not allow anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function tokenize(xml: string, handler: XmlHandler): void {
  const c = new Cursor(xml, handler);
  reportForbidden(c);
  while (c.at < c.length) {
    const lt = xml.indexOf("<", c.at);
    readText(c, c.at, lt < 0 ? c.length : lt);
    if (lt < 0) break;
    readMarkup(c, lt);
  }
  if (!c.rootSeen)
    c.report("xml", c.start, "a root element, <Response>", xml.trim() === "" ? "an empty document" : "no element");
  closeAtEnd(c);
}

function reportForbidden(c: Cursor): void {
  FORBIDDEN.lastIndex = 0;
  for (let m = FORBIDDEN.exec(c.xml); m; m = FORBIDDEN.exec(c.xml)) {
    const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    c.report("xml", m.index, "only characters XML allows (no control characters but tab and line breaks)", `U+${code}`);
  }
}

/** The construct that starts with the `<` at `lt`, read by its own reader. */
function readMarkup(c: Cursor, lt: number): void {
  const { xml } = c;
  const next = xml.charCodeAt(lt + 1);
  if (xml.startsWith("<!--", lt)) readComment(c, lt);
  else if (xml.startsWith("<![CDATA[", lt)) readCdata(c, lt);
  else if (next === 0x21 /* ! */) readDeclaration(c, lt);
  else if (next === 0x3f /* ? */) readProcessingInstruction(c, lt);
  else if (next === 0x2f /* / */) readEndTag(c, lt);
  else readStartTag(c, lt);
}
