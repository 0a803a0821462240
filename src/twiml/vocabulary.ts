// The TwiML vocabulary codegen read from the twilio SDK's builder (generated/twiml-vocabulary.json), loaded on the
// first check rather than at import so that importing the package stays cheap.
import type { ElementRule, TwimlLanguage, TwimlVocabulary } from "./vocabulary-types.js";

export type TwimlKind = "voice" | "messaging";

export interface Language {
  kind: TwimlKind;
  root: ElementRule;
  elements: Record<string, ElementRule>;
  enums: Map<string, { values: string[]; set: Set<string> }>;
  /** Every tag of this language, wherever it may stand. */
  tags: Set<string>;
}

export interface Vocabulary {
  voice: Language;
  messaging: Language;
  url: RegExp;
  phone: RegExp;
  phoneWithSeparators: RegExp;
  sip: RegExp;
  methods: string[];
  source: string;
}

function compile(kind: TwimlKind, language: TwimlLanguage): Language {
  const root = language.elements[language.root];
  if (!root) throw new Error(`twiml-vocabulary.json: no ${language.root}; run npm run generate`);
  const enums = new Map(
    Object.entries(language.enums).map(([name, values]) => [name, { values, set: new Set(values) }]),
  );
  const tags = new Set(Object.values(language.elements).map((e) => e.tag));
  return { kind, root, elements: language.elements, enums, tags };
}

let loaded: Vocabulary | undefined;

export function vocabulary(): Vocabulary {
  if (loaded) return loaded;
  const { createRequire } = process.getBuiltinModule("node:module");
  const raw = createRequire(import.meta.url)("../../generated/twiml-vocabulary.json") as TwimlVocabulary;
  loaded = {
    voice: compile("voice", raw.voice),
    messaging: compile("messaging", raw.messaging),
    url: new RegExp(raw.patterns.url),
    phone: new RegExp(raw.patterns.phone),
    phoneWithSeparators: new RegExp(raw.patterns.phoneWithSeparators),
    sip: new RegExp(raw.patterns.sip),
    methods: raw.methods,
    source: raw.source,
  };
  return loaded;
}
