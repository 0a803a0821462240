// What the tokenizer hands its reader, and the bounds every reader of XML on top of it keeps.

// Shared by validateTwiml and the 2008-08-01 responses, so that a document of 100,000 nested elements costs no more
// than a flat one: real TwiML and Twilio's XML nest a few levels.
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
