// Start and end tags, and the elements they open and close. An element that is never closed is reported at its own
// start tag, which general-purpose parsers do not: they report it where the parent closes, lines away from the
// mistake.
import { readAttributes } from "./attributes.js";
import { type Cursor, GREATER_THAN, type OpenElement, printable } from "./cursor.js";
import type { XmlAttribute } from "./handler.js";

export function readStartTag(c: Cursor, lt: number): void {
  const name = c.readName(lt + 1);
  if (name === undefined) {
    c.report("xml", lt, "an element name after < (write < in text as &lt;)", printable(c.xml.slice(lt, lt + 12)));
    c.at = lt + 1;
    return;
  }
  const attributes: XmlAttribute[] = [];
  c.defer();
  const selfClosing = readAttributes(c, name, lt, attributes);
  if (c.open.length === 0) {
    // Not held back: it is about the document, not about the element it names.
    if (c.rootSeen) c.handler.malformed("xml", lt, "a single root element, <Response>", `<${name}>`);
    c.rootSeen = true;
  }
  c.handler.start(name, lt, attributes);
  c.release();
  if (selfClosing) c.handler.end(name, lt);
  else c.openElement(name, lt);
}

export function readEndTag(c: Cursor, lt: number): void {
  const { xml } = c;
  const name = c.readName(lt + 2);
  if (name === undefined) {
    c.report("xml", lt, "an element name after </", printable(xml.slice(lt, lt + 12)));
    c.skipPast(lt);
    return;
  }
  const after = c.skipSpace(lt + 2 + name.length);
  if (xml.charCodeAt(after) !== GREATER_THAN) {
    c.report("xml", after, `> to end </${name}`, printable(xml.slice(after, after + 12)));
    c.skipPast(after);
  } else c.at = after + 1;
  closeUpTo(c, name, lt);
}

/** Closes the innermost open element named `name`, and every element opened inside it, which was never closed. */
function closeUpTo(c: Cursor, name: string, offset: number): void {
  const { open } = c;
  let match = -1;
  for (let k = (c.openNames.get(name) ?? 0) > 0 ? open.length - 1 : -1; k >= 0; k--) {
    if ((open[k] as OpenElement).name === name) {
      match = k;
      break;
    }
  }
  if (match < 0) {
    const current = open.at(-1);
    const expected = current ? `</${current.name}>, or no closing tag here` : "no closing tag after the root closed";
    c.report("end-tag", offset, expected, `</${name}>`);
    return;
  }
  // Everything opened after the matching element was never closed: each is reported at its own start tag.
  for (let k = match + 1; k < open.length; k++) {
    const unclosed = open[k] as OpenElement;
    const expected = `<${unclosed.name}> closed before </${name}>${hint(open[k - 1], unclosed)}`;
    c.report("unclosed", unclosed.offset, expected, `<${unclosed.name}>`);
  }
  while (open.length > match) c.handler.end(c.closeElement(), offset);
}

/** Whatever is still open at the end of the document was never closed; each is named at its own start tag. */
export function closeAtEnd(c: Cursor): void {
  const { open } = c;
  for (let k = 0; k < open.length; k++) {
    const unclosed = open[k] as OpenElement;
    const expected = `<${unclosed.name}> closed before the document ends${hint(open[k - 1], unclosed)}`;
    c.report("unclosed", unclosed.offset, expected, `<${unclosed.name}>`);
  }
  for (let k = open.length - 1; k >= 0; k--) c.handler.end((open[k] as OpenElement).name, c.length);
}

// `<Play>welcome.php<Play>`: a start tag right inside an element of the same name is most often an end tag that
// lost its slash.
function hint(parent: OpenElement | undefined, unclosed: OpenElement): string {
  return parent?.name === unclosed.name
    ? `; it sits inside another <${unclosed.name}>, so it was probably meant as </${unclosed.name}>`
    : "";
}
