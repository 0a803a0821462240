// The markup that is not an element: comments, CDATA sections, declarations (a DOCTYPE among them, which is refused
// and never read) and processing instructions, the XML declaration among them. Each reader starts at the `<` at
// `lt` and leaves the cursor after the construct, or at the end when the construct is never closed.
import { type Cursor, printable } from "./cursor.js";

export function readComment(c: Cursor, lt: number): void {
  const close = c.xml.indexOf("-->", lt + 4);
  if (close < 0) {
    c.report("xml", lt, "a comment closed by -->", "<!--");
    c.stop();
    return;
  }
  const dashes = c.xml.indexOf("--", lt + 4);
  if (dashes < close) c.report("xml", dashes, "no -- inside a comment", "--");
  c.at = close + 3;
}

export function readCdata(c: Cursor, lt: number): void {
  const close = c.xml.indexOf("]]>", lt + 9);
  if (close < 0) {
    c.report("xml", lt, "a CDATA section closed by ]]>", "<![CDATA[");
    c.stop();
    return;
  }
  if (c.open.length === 0) c.report("xml", lt, "CDATA only inside an element", "<![CDATA[");
  else c.handler.text(c.xml.slice(lt + 9, close), lt + 9);
  c.at = close + 3;
}

/** `<!` that opens neither a comment nor CDATA: a DOCTYPE, or a mistake; skipped with its internal subset. */
export function readDeclaration(c: Cursor, lt: number): void {
  const { xml, length } = c;
  // A DOCTYPE could declare entities and an external subset; TwiML has no use for either, so none is read.
  const isDoctype = xml.startsWith("<!DOCTYPE", lt);
  c.report(
    "xml",
    lt,
    isDoctype ? "no DOCTYPE: TwiML needs no DTD, and this checker reads none" : "a comment, CDATA or element",
    printable(xml.slice(lt, lt + 12)),
  );
  const close = xml.indexOf(">", lt);
  // Looked for within the declaration only: a search to the end of the document for every "<!" would cost the
  // square of the document's length.
  let bracket = -1;
  for (let k = lt; isDoctype && bracket < 0 && k < (close < 0 ? length : close); k++)
    if (xml.charCodeAt(k) === 0x5b /* [ */) bracket = k;
  if (bracket >= 0) {
    const subsetEnd = xml.indexOf("]>", bracket);
    c.at = subsetEnd < 0 ? length : subsetEnd + 2;
  } else c.at = close < 0 ? length : close + 1;
}

export function readProcessingInstruction(c: Cursor, lt: number): void {
  const close = c.xml.indexOf("?>", lt + 2);
  if (close < 0) {
    c.report("xml", lt, "a processing instruction closed by ?>", "<?");
    c.stop();
    return;
  }
  const target = c.readName(lt + 2);
  if (target === undefined)
    c.report("xml", lt, "a processing instruction name after <?", printable(c.xml.slice(lt, lt + 12)));
  else if (target.toLowerCase() === "xml" && lt !== c.start)
    c.report("xml", lt, "the XML declaration only as the very first thing in the document", "<?xml");
  c.at = close + 2;
}
