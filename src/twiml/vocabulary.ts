// The TwiML vocabulary codegen read from the twilio SDK's builder (generated/twiml-vocabulary.json), loaded on the
// first check rather than at import so that importing the package stays cheap.
import { requirePackageFile } from "../package-files.js";
import type { AttributeRule, ElementRule, TwimlLanguage, TwimlVocabulary } from "./vocabulary-types.js";

export type TwimlKind = "voice" | "messaging";

/** An element rule with its attributes and children in Maps: measured several times faster to look up than the
 * JSON's objects, which have too many keys for V8's fast properties. */
export interface TwimlElement {
  tag: string;
  attributes: Map<string, AttributeRule>;
  children: Map<string, TwimlElement>;
  text: ElementRule["text"];
  needsContent: boolean;
}

export interface Language {
  kind: TwimlKind;
  root: TwimlElement;
  enums: Map<string, { values: string[]; set: Set<string> }>;
  /** Every tag of this language, wherever it may stand. */
  tags: Set<string>;
}

export interface Vocabulary {
  voice: Language;
  messaging: Language;
  url: RegExp;
  phone: RegExp;
  e164: RegExp;
  sip: RegExp;
  methods: string[];
  source: string;
}

function compile(kind: TwimlKind, language: TwimlLanguage): Language {
  const elements = new Map<string, TwimlElement>();
  for (const [name, rule] of Object.entries(language.elements)) {
    elements.set(name, {
      tag: rule.tag,
      attributes: new Map(Object.entries(rule.attributes)),
      children: new Map(),
      text: rule.text,
      needsContent: rule.needsContent === true,
    });
  }
  for (const [name, rule] of Object.entries(language.elements)) {
    const element = elements.get(name) as TwimlElement;
    for (const [tag, child] of Object.entries(rule.children)) {
      const target = elements.get(child);
      if (!target) throw new Error(`twiml-vocabulary.json: ${name} holds an unknown ${child}; run npm run generate`);
      element.children.set(tag, target);
    }
  }
  const root = elements.get(language.root);
  if (!root) throw new Error(`twiml-vocabulary.json: no ${language.root}; run npm run generate`);
  const enums = new Map(
    Object.entries(language.enums).map(([name, values]) => [name, { values, set: new Set(values) }]),
  );
  const tags = new Set([...elements.values()].map((e) => e.tag));
  return { kind, root, enums, tags };
}

let loaded: Vocabulary | undefined;

export function vocabulary(): Vocabulary {
  if (loaded) return loaded;
  const raw = requirePackageFile<TwimlVocabulary>("generated/twiml-vocabulary.json");
  loaded = {
    voice: compile("voice", raw.voice),
    messaging: compile("messaging", raw.messaging),
    url: new RegExp(raw.patterns.url),
    phone: new RegExp(raw.patterns.phone),
    e164: new RegExp(raw.patterns.e164),
    sip: new RegExp(raw.patterns.sip),
    methods: raw.methods,
    source: raw.source,
  };
  return loaded;
}
