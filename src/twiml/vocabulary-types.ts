// The shape of generated/twiml-vocabulary.json, shared by the codegen step that writes it and the checker that
// reads it.

/** What the text of an element must be: a URL, a phone number or a SIP URI, by the spec's own patterns. */
export type TextFormat = "url" | "phone" | "sip";

export type AttributeRule = (
  | { type: "string" }
  /** A whole number; bounds from Twilio's TwiML reference where the typings have none. */
  | { type: "integer"; minimum?: number; maximum?: number }
  | { type: "boolean" }
  /** One of the spec's HttpMethod values. */
  | { type: "method" }
  /** An absolute http(s) or ws(s) URL, or one relative to the document. */
  | { type: "url" }
  /** One of the values of a named enum of the same language. */
  | { type: "enum"; enum: string }
) & {
  /** Several values separated by spaces, as the builder writes arrays. */
  list?: true;
};

export interface ElementRule {
  tag: string;
  attributes: Record<string, AttributeRule>;
  /** Tag of each allowed child to the name of its element rule. */
  children: Record<string, string>;
  /** Absent when the element takes no text. */
  text?: { name: string; required: boolean; format?: TextFormat };
  /** Needs text or a child element to do anything. */
  needsContent?: true;
}

export interface TwimlLanguage {
  /** The name of the element rule of <Response>. */
  root: string;
  elements: Record<string, ElementRule>;
  enums: Record<string, string[]>;
}

export interface TwimlVocabulary {
  source: string;
  patterns: { url: string; phone: string; e164: string; sip: string };
  methods: string[];
  voice: TwimlLanguage;
  messaging: TwimlLanguage;
}
