// A tokenizer for the part of XML that TwiML uses: the XML declaration, elements, attributes, text, comments,
// CDATA sections, processing instructions, and the five predefined entities plus character references. It reports
// every problem at the offset where it starts, and an element that is never closed at the element's own start tag,
// which general-purpose parsers do not: they report it where the parent closes, lines away from the mistake.
// It recovers after a mistake so that one run lists every problem, and it reads no DTD, so no entity can expand.

// Bounds shared by every reader of XML on top of this tokenizer (validateTwiml and the 2008-08-01 answers), so that a
// document of 100,000 nested elements costs no more than a flat one: real TwiML and Twilio's XML nest a few levels.
/** Deepest nesting checked; past it one `depth` finding says where reading stopped. */
export const MAX_XML_DEPTH = 64;
/** Most findings of one severity listed; a last `limit` finding says so. */
export const MAX_XML_FINDINGS = 100;

export interface XmlAttribute {
  name: string;
  /** Entities decoded, whitespace characters normalized to spaces, as XML prescribes. */
  value: string;
  /** Offset of the attribute's name. */
  offset: number;
}

export interface XmlHandler {
  /** A start tag; a self-closing one is followed by `end` at once. */
  start(name: string, offset: number, attributes: XmlAttribute[]): void;
  end(name: string, offset: number): void;
  /** Character data (text or CDATA) with entities decoded; `offset` is where it starts in the document. */
  text(text: string, offset: number): void;
  /** A well-formedness error. `rule` is `xml`, `unclosed` or `end-tag`. */
  malformed(rule: string, offset: number, expected: string, value?: string): void;
}

// XML's Name production, simplified: ASCII letters, digits and punctuation as XML has them, and every non-ASCII
// character from U+00C0 on (the exact ranges differ only at rare code points). Scanned by hand: measured faster
// than a sticky regular expression here.
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
const ENTITY = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*))?;?/y;
// Characters XML 1.0 does not allow anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function printable(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

// `<Play>welcome.php<Play>`: a start tag right inside an element of the same name is most often an end tag that
// lost its slash.
function hint(parent: { name: string } | undefined, unclosed: { name: string }): string {
  return parent?.name === unclosed.name
    ? `; it sits inside another <${unclosed.name}>, so it was probably meant as </${unclosed.name}>`
    : "";
}

export function tokenize(xml: string, handler: XmlHandler): void {
  const open: Array<{ name: string; offset: number }> = [];
  // How many elements of each name are open: a closing tag whose name is not open is refused without searching the
  // stack, so that 100,000 stray closing tags under 100,000 open elements cost no more than reading them.
  const openNames = new Map<string, number>();
  let rootSeen = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = i;
  const length = xml.length;

  // Mistakes inside a start tag are held until the element is started, so that they are named by its path.
  let deferring = false;
  let deferred: Array<[string, number, string, string | undefined]> = [];
  const report = (rule: string, offset: number, expected: string, value?: string) => {
    if (deferring) deferred.push([rule, offset, expected, value]);
    else handler.malformed(rule, offset, expected, value);
  };

  FORBIDDEN.lastIndex = 0;
  for (let m = FORBIDDEN.exec(xml); m; m = FORBIDDEN.exec(xml)) {
    const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    report("xml", m.index, "only characters XML allows (no control characters but tab and line breaks)", `U+${code}`);
  }

  /** One reference, `&...;` at `at` in the document, decoded; a malformed one is reported and kept as written. */
  const reference = (match: RegExpExecArray, at: number): string => {
    const [whole, decimal, hex, named] = match;
    const closed = whole.endsWith(";");
    if (closed && (decimal || hex)) {
      const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (allowed) return String.fromCodePoint(code);
      report("xml", at, "a character reference to a character XML allows", whole);
      return whole;
    }
    if (closed && named && Object.hasOwn(PREDEFINED, named)) return PREDEFINED[named] as string;
    const expected = named
      ? closed
        ? "one of the predefined entities &lt; &gt; &amp; &quot; &apos; (no DTD is read)"
        : `a reference ending in ";" (or write & as &amp;)`
      : "& written as &amp;";
    report("xml", at, expected, printable(whole));
    return whole;
  };

  /** Decodes entity and character references in text or an attribute value that starts at `offset`. */
  const decode = (raw: string, offset: number): string => {
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
        out += reference(match, offset + amp);
        from = amp + match[0].length;
      }
      amp = raw.indexOf("&", from);
    }
    return out + raw.slice(from);
  };

  const readName = (at: number): string | undefined => {
    if (!isNameStart(xml.charCodeAt(at))) return undefined;
    let end = at + 1;
    while (end < length && isNameChar(xml.charCodeAt(end))) end++;
    return xml.slice(at, end);
  };
  const skipSpace = (at: number): number => {
    while (at < length && isSpace(xml.charCodeAt(at))) at++;
    return at;
  };

  const closeElement = (name: string, offset: number) => {
    let match = -1;
    for (let k = (openNames.get(name) ?? 0) > 0 ? open.length - 1 : -1; k >= 0; k--) {
      if ((open[k] as { name: string }).name === name) {
        match = k;
        break;
      }
    }
    if (match < 0) {
      const current = open.at(-1);
      const expected = current ? `</${current.name}>, or no closing tag here` : "no closing tag after the root closed";
      report("end-tag", offset, expected, `</${name}>`);
      return;
    }
    // Everything opened after the matching element was never closed: each is reported at its own start tag.
    for (let k = match + 1; k < open.length; k++) {
      const unclosed = open[k] as { name: string; offset: number };
      const parent = open[k - 1] as { name: string };
      report(
        "unclosed",
        unclosed.offset,
        `<${unclosed.name}> closed before </${name}>${hint(parent, unclosed)}`,
        `<${unclosed.name}>`,
      );
    }
    while (open.length > match) {
      const closed = (open.pop() as { name: string }).name;
      openNames.set(closed, (openNames.get(closed) as number) - 1);
      handler.end(closed, offset);
    }
  };

  while (i < length) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? length : lt;
    let first = i;
    while (first < textEnd && isSpace(xml.charCodeAt(first))) first++;
    // Whitespace between tags is layout: no check reads it.
    if (first < textEnd) {
      const raw = xml.slice(i, textEnd);
      if (open.length > 0) {
        const cdataEnd = raw.indexOf("]]>");
        if (cdataEnd >= 0) report("xml", i + cdataEnd, "]]> written as ]]&gt; in text", "]]>");
        handler.text(decode(raw, i), i);
      } else {
        let k = 0;
        while (k < raw.length && isSpace(raw.charCodeAt(k))) k++;
        if (k < raw.length)
          report("xml", i + k, "nothing but whitespace outside <Response>", printable(raw.slice(k).trim()));
      }
    }
    if (lt < 0) break;
    i = lt;
    const next = xml.charCodeAt(i + 1);

    if (xml.startsWith("<!--", i)) {
      const close = xml.indexOf("-->", i + 4);
      if (close < 0) {
        report("xml", i, "a comment closed by -->", "<!--");
        break;
      }
      const dashes = xml.indexOf("--", i + 4);
      if (dashes < close) report("xml", dashes, "no -- inside a comment", "--");
      i = close + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", i)) {
      const close = xml.indexOf("]]>", i + 9);
      if (close < 0) {
        report("xml", i, "a CDATA section closed by ]]>", "<![CDATA[");
        break;
      }
      if (open.length === 0) report("xml", i, "CDATA only inside an element", "<![CDATA[");
      else handler.text(xml.slice(i + 9, close), i + 9);
      i = close + 3;
      continue;
    }
    if (next === 0x21 /* ! */) {
      // A DOCTYPE could declare entities and an external subset; TwiML has no use for either, so none is read.
      const isDoctype = xml.startsWith("<!DOCTYPE", i);
      report(
        "xml",
        i,
        isDoctype ? "no DOCTYPE: TwiML needs no DTD, and this checker reads none" : "a comment, CDATA or element",
        printable(xml.slice(i, i + 12)),
      );
      const close = xml.indexOf(">", i);
      // Looked for within the declaration only: a search to the end of the document for every "<!" would cost the
      // square of the document's length.
      let bracket = -1;
      for (let k = i; isDoctype && bracket < 0 && k < (close < 0 ? length : close); k++)
        if (xml.charCodeAt(k) === 0x5b /* [ */) bracket = k;
      if (bracket >= 0) {
        const subsetEnd = xml.indexOf("]>", bracket);
        i = subsetEnd < 0 ? length : subsetEnd + 2;
      } else i = close < 0 ? length : close + 1;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = xml.indexOf("?>", i + 2);
      if (close < 0) {
        report("xml", i, "a processing instruction closed by ?>", "<?");
        break;
      }
      const target = readName(i + 2);
      if (target === undefined)
        report("xml", i, "a processing instruction name after <?", printable(xml.slice(i, i + 12)));
      else if (target.toLowerCase() === "xml" && i !== start)
        report("xml", i, "the XML declaration only as the very first thing in the document", "<?xml");
      i = close + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      const name = readName(i + 2);
      if (name === undefined) {
        report("xml", i, "an element name after </", printable(xml.slice(i, i + 12)));
        const close = xml.indexOf(">", i);
        i = close < 0 ? length : close + 1;
        continue;
      }
      const after = skipSpace(i + 2 + name.length);
      if (xml.charCodeAt(after) !== 0x3e /* > */) {
        report("xml", after, `> to end </${name}`, printable(xml.slice(after, after + 12)));
        const close = xml.indexOf(">", after);
        i = close < 0 ? length : close + 1;
      } else i = after + 1;
      closeElement(name, lt);
      continue;
    }

    // A start tag.
    const name = readName(i + 1);
    if (name === undefined) {
      report("xml", i, "an element name after < (write < in text as &lt;)", printable(xml.slice(i, i + 12)));
      i++;
      continue;
    }
    const attributes: XmlAttribute[] = [];
    deferring = true;
    let j = i + 1 + name.length;
    let selfClosing = false;
    let broken = false;
    for (;;) {
      const spaced = skipSpace(j);
      const c = xml.charCodeAt(spaced);
      if (c === 0x3e /* > */) {
        j = spaced + 1;
        break;
      }
      if (c === 0x2f /* / */ && xml.charCodeAt(spaced + 1) === 0x3e) {
        selfClosing = true;
        j = spaced + 2;
        break;
      }
      if (Number.isNaN(c)) {
        report("xml", i, `<${name}> ended by > before the document ends`, `<${name}`);
        j = length;
        broken = true;
        break;
      }
      const attribute = spaced === j ? undefined : readName(spaced);
      if (attribute === undefined) {
        const expected = spaced === j ? "whitespace before the next attribute" : "an attribute name, > or />";
        report("xml", spaced, expected, printable(xml.slice(spaced, spaced + 12)));
        broken = true;
        break;
      }
      let k = skipSpace(spaced + attribute.length);
      if (xml.charCodeAt(k) !== 0x3d /* = */) {
        report("xml", spaced, `${attribute}="value": every attribute needs a quoted value`, attribute);
        broken = true;
        break;
      }
      k = skipSpace(k + 1);
      const quote = xml.charCodeAt(k);
      if (quote !== 0x22 && quote !== 0x27) {
        report("xml", k, `a value in quotes after ${attribute}=`, printable(xml.slice(k, k + 12)));
        broken = true;
        break;
      }
      const close = xml.indexOf(quote === 0x22 ? '"' : "'", k + 1);
      if (close < 0) {
        report("xml", k, `the value of ${attribute} closed by its quote`, printable(xml.slice(k, k + 12)));
        j = length;
        broken = true;
        break;
      }
      const raw = xml.slice(k + 1, close);
      const lessThan = raw.indexOf("<");
      if (lessThan >= 0) report("xml", k + 1 + lessThan, "< written as &lt; in an attribute value", "<");
      let repeated = false;
      for (const earlier of attributes) if (earlier.name === attribute) repeated = true;
      if (repeated) report("xml", spaced, "each attribute once per element", attribute);
      else {
        const decoded = decode(raw, k + 1);
        const layout = decoded.indexOf("\n") >= 0 || decoded.indexOf("\t") >= 0 || decoded.indexOf("\r") >= 0;
        attributes.push({
          name: attribute,
          value: layout ? decoded.replace(/[\t\n\r]/g, " ") : decoded,
          offset: spaced,
        });
      }
      j = close + 1;
    }
    if (broken && j < length) {
      // Resume after the tag's end as best it can be guessed, keeping the element so that its end tag matches.
      const close = xml.indexOf(">", j);
      selfClosing = close > 0 && xml.charCodeAt(close - 1) === 0x2f;
      j = close < 0 ? length : close + 1;
    }
    i = j;
    if (open.length === 0) {
      if (rootSeen) handler.malformed("xml", lt, "a single root element, <Response>", `<${name}>`);
      rootSeen = true;
    }
    handler.start(name, lt, attributes);
    deferring = false;
    if (deferred.length > 0) {
      for (const [rule, offset, expected, value] of deferred) handler.malformed(rule, offset, expected, value);
      deferred = [];
    }
    if (selfClosing) handler.end(name, lt);
    else {
      open.push({ name, offset: lt });
      openNames.set(name, (openNames.get(name) ?? 0) + 1);
    }
  }

  if (!rootSeen)
    report("xml", start, "a root element, <Response>", xml.trim() === "" ? "an empty document" : "no element");
  // Whatever is still open at the end was never closed; each is named at its own start tag.
  for (let k = 0; k < open.length; k++) {
    const unclosed = open[k] as { name: string; offset: number };
    const expected = `<${unclosed.name}> closed before the document ends${hint(open[k - 1], unclosed)}`;
    report("unclosed", unclosed.offset, expected, `<${unclosed.name}>`);
  }
  for (let k = open.length - 1; k >= 0; k--) handler.end((open[k] as { name: string }).name, length);
}

/**
 * Line and column (1-based) of an offset in `text`, for reporting: the table of line starts is built on the first
 * call only, so a document without findings never pays for it.
 */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  };
}
