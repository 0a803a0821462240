// The layers of a TwiML check, run in one pass over the tokens: well-formed XML with a <Response> root; the
// elements each parent may hold; each element's attributes, their types, bounds and enum values; the text of URLs,
// numbers and SIP URIs by the spec's own patterns; and warnings for what runs but is surely a mistake.
import { closestName, joinNames } from "../findings/names.js";
import { shortText, shownValue } from "../findings/redact.js";
import type { Location, Severity, Violation } from "../findings/violation.js";
import {
  MAX_XML_DEPTH,
  MAX_XML_FINDINGS,
  positionsIn,
  tokenize,
  type XmlAttribute,
  type XmlHandler,
} from "../xml/index.js";
import { type Language, type TwimlElement, type Vocabulary, vocabulary } from "./vocabulary.js";
import type { AttributeRule } from "./vocabulary-types.js";

export interface TwimlViolation extends Violation {
  /** 1-based line of the element, attribute or text at fault. */
  line: number;
  /** 1-based column, in UTF-16 code units as editors count them for most text. */
  column: number;
  /** Where in the document: `Response/Gather[1]/Play[2]`, counting siblings of the same name from 1. */
  path: string;
}

export interface CheckContext {
  operation: string;
  location: Location;
  field: string;
}

interface Frame {
  tag: string;
  /** Undefined when the element is not checked: unknown, misplaced, or inside such an element. */
  rule: TwimlElement | undefined;
  parent: Frame | undefined;
  /** Its number among the parent's children of the same tag, from 1; 0 past the depth limit. */
  index: number;
  offset: number;
  counts: Map<string, number> | undefined;
  text: string;
  textOffset: number;
  elements: number;
  attributes: XmlAttribute[];
  /** A verb of this <Response> after which nothing else runs. */
  stop?: { tag: string; offset: number };
}

const DOCUMENT = "(document)";

/** Why `<Sms>` is a warning in each kind of TwiML: it runs, but it is the retired way to text. */
const LEGACY_SMS = {
  voice: "no <Sms> in voice TwiML: it is the retired way to text; send with the Messages API",
  messaging: "<Message> instead of <Sms>: <Sms> is how an app answered a text before <Message> replaced it",
} as const;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** `Response/Gather[1]/Play[2]`, built only for a finding: most elements never need theirs. */
function pathOf(frame: Frame | undefined): string {
  if (!frame) return DOCUMENT;
  const steps: string[] = [];
  // Past the depth limit elements have no index and share their ancestor's path; a loop, since there may be
  // 100,000 of them.
  for (let at: Frame | undefined = frame; at; at = at.parent) {
    if (!at.parent) steps.push(at.tag);
    else if (at.index > 0) steps.push(`${at.tag}[${at.index}]`);
  }
  return steps.reverse().join("/");
}

const didYouMean = (near: string | undefined) => (near ? ` (did you mean ${near}?)` : "");

export class TwimlChecker implements XmlHandler {
  readonly syntax: TwimlViolation[] = [];
  readonly errors: TwimlViolation[] = [];
  readonly warnings: TwimlViolation[] = [];
  private readonly stack: Frame[] = [];
  private readonly vocabulary: Vocabulary = vocabulary();
  private readonly language: Language;
  private readonly other: Language;
  private readonly position: (offset: number) => { line: number; column: number };
  private tooDeep = false;

  constructor(
    private readonly xml: string,
    kind: "voice" | "messaging",
    private readonly context: CheckContext,
  ) {
    this.position = positionsIn(xml);
    this.language = this.vocabulary[kind];
    this.other = this.vocabulary[kind === "voice" ? "messaging" : "voice"];
  }

  run(): void {
    tokenize(this.xml, this);
  }

  private report(
    severity: Severity,
    into: TwimlViolation[],
    offset: number,
    at: Frame | undefined,
    rule: string,
    expected: string,
    value?: unknown,
  ): void {
    if (into.length >= MAX_XML_FINDINGS) {
      if (into.length === MAX_XML_FINDINGS)
        into.push(
          this.make(severity, offset, at, "limit", `at most ${MAX_XML_FINDINGS} ${severity}s listed; fix these first`),
        );
      return;
    }
    into.push(this.make(severity, offset, at, rule, expected, value));
  }

  private make(
    severity: Severity,
    offset: number,
    at: Frame | undefined,
    rule: string,
    expected: string,
    ...value: [] | [unknown]
  ): TwimlViolation {
    const { operation, location, field } = this.context;
    const path = pathOf(at);
    const { line, column } = this.position(offset);
    // The document is the sender's text: a megabyte of it in a <Play> must not become a megabyte of message.
    const raw = value[0];
    const shown = raw === undefined ? {} : { value: typeof raw === "string" ? shortText(raw) : raw };
    const got = "value" in shown ? `, got ${JSON.stringify(shown.value)}` : "";
    const where = `at line ${line}, column ${column} (${path})`;
    const message = `${operation} ${location}: ${field} breaks ${rule} ${where}: ${expected}${got}${severity === "warning" ? " (warning)" : ""}`;
    return { severity, operation, location, field, rule, expected, ...shown, message, line, column, path };
  }

  /** True once no more errors are recorded: the checks that only serve to describe one are then skipped. */
  private get full(): boolean {
    return this.errors.length > MAX_XML_FINDINGS;
  }

  private error(offset: number, at: Frame | undefined, rule: string, expected: string, value?: unknown) {
    this.report("error", this.errors, offset, at, rule, expected, value);
  }

  private warn(offset: number, at: Frame | undefined, rule: string, expected: string, value?: unknown) {
    this.report("warning", this.warnings, offset, at, rule, expected, value);
  }

  // XmlHandler -------------------------------------------------------------------------------------------------

  malformed(rule: string, offset: number, expected: string, value?: string): void {
    // Past the limit nothing more is recorded, so the search below is not worth its cost on a hostile document.
    if (this.syntax.length > MAX_XML_FINDINGS) return;
    // An unclosed element is named by its own path; any other mistake by the element it occurs in.
    const frame = rule === "unclosed" ? this.stack.findLast((f) => f.offset === offset) : this.stack.at(-1);
    this.report("error", this.syntax, offset, frame, rule, expected, value);
  }

  start(tag: string, offset: number, attributes: XmlAttribute[]): void {
    const parent = this.stack.at(-1);
    const frame: Frame = {
      tag,
      rule: undefined,
      parent,
      index: 0,
      offset,
      counts: undefined,
      text: "",
      textOffset: -1,
      elements: 0,
      attributes,
    };
    if (!parent) {
      if (tag === "Response") frame.rule = this.language.root;
      else this.error(offset, frame, "root", "a <Response> root element", `<${tag}>`);
    } else {
      parent.elements++;
      if (this.stack.length >= MAX_XML_DEPTH) {
        if (!this.tooDeep) this.error(offset, parent, "depth", `elements nested at most ${MAX_XML_DEPTH} deep`);
        this.tooDeep = true;
      } else {
        parent.counts ??= new Map();
        const n = (parent.counts.get(tag) ?? 0) + 1;
        parent.counts.set(tag, n);
        frame.index = n;
        if (parent.rule) frame.rule = this.placed(parent, frame, attributes);
      }
    }
    if (frame.rule && !this.full) this.checkAttributes(frame);
    this.stack.push(frame);
  }

  /** The element's rule if its parent may hold it; otherwise reports why not. */
  private placed(parent: Frame, frame: Frame, attributes: XmlAttribute[]): TwimlElement | undefined {
    const parentRule = parent.rule as TwimlElement;
    const { tag, offset } = frame;
    const atTop = this.stack.length === 1;
    if (atTop && parent.stop) {
      const { line } = this.position(parent.stop.offset);
      this.warn(
        offset,
        frame,
        "unreachable",
        `no verb after <${parent.stop.tag}> (line ${line}): it never runs`,
        `<${tag}>`,
      );
    }
    const rule = parentRule.children.get(tag) ?? (atTop ? this.legacySms(tag) : undefined);
    if (!rule) {
      this.misplaced(parent, frame);
      return undefined;
    }
    if (atTop) {
      if (tag === "Sms") this.warn(offset, frame, "legacy-sms", LEGACY_SMS[this.language.kind], "<Sms>");
      const ends = tag === "Hangup" || tag === "Reject" || tag === "Redirect";
      // Twilio's <Dial> reference: verbs after a <Dial> with an action URL are unreachable.
      const dialAway = tag === "Dial" && attributes.some((a) => a.name === "action");
      if ((ends || dialAway) && !parent.stop) parent.stop = { tag: dialAway ? "Dial action=…" : tag, offset };
    }
    return rule;
  }

  /**
   * `<Sms>` at the top of messaging TwiML: how an app answered a text in 2010, before `<Message>` replaced it (seed
   * 004's reply is `<Response><Sms>...</Sms><Redirect>...</Redirect></Response>`). It runs, so it is read with the
   * rule of voice TwiML's `<Sms>` (the same attributes and text) and warned about, not refused.
   */
  private legacySms(tag: string): TwimlElement | undefined {
    return this.language.kind === "messaging" && tag === "Sms" ? this.other.root.children.get("Sms") : undefined;
  }

  private misplaced(parent: Frame, frame: Frame): void {
    // Suggesting a name costs an edit distance per candidate: not worth it for an error that is not recorded.
    if (this.full) return;
    const { tag, offset } = frame;
    const allowed = [...(parent.rule as TwimlElement).children.keys()];
    const holds = allowed.length
      ? `<${parent.tag}> holds ${joinNames(allowed.map((t) => `<${t}>`))}`
      : `<${parent.tag}> holds no elements`;
    if (this.language.tags.has(tag)) {
      this.error(offset, frame, "allowed-child", holds, `<${tag}>`);
    } else if (this.language.kind === "voice" && tag === "Message") {
      this.error(
        offset,
        frame,
        "messaging-verb",
        `no <Message> in voice TwiML: it belongs to messaging TwiML; ${holds}`,
        "<Message>",
      );
    } else if (this.other.tags.has(tag)) {
      this.error(
        offset,
        frame,
        `${this.other.kind}-verb`,
        `no ${this.other.kind} TwiML in ${this.language.kind} TwiML; ${holds}`,
        `<${tag}>`,
      );
    } else {
      this.error(offset, frame, "unknown-element", `${holds}${didYouMean(closestName(tag, allowed))}`, `<${tag}>`);
    }
  }

  private checkAttributes(frame: Frame): void {
    const rule = frame.rule as TwimlElement;
    for (const attribute of frame.attributes) {
      const { name, value, offset } = attribute;
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const known = rule.attributes.get(name);
      if (!known) {
        const all = [...rule.attributes.keys()];
        const expected = all.length
          ? `an attribute <${frame.tag}> takes${didYouMean(closestName(name, all))}`
          : `no attributes: <${frame.tag}> takes none`;
        this.error(offset, frame, "known-attribute", expected, name);
        continue;
      }
      const problem = known.list ? this.listProblem(known, value) : this.valueProblem(known, value);
      if (problem) this.error(offset, frame, problem.rule, `${name}: ${problem.expected}`, shownValue(name, value));
    }
  }

  private listProblem(rule: AttributeRule, value: string): { rule: string; expected: string } | undefined {
    let any = false;
    for (let start = 0; start < value.length; ) {
      const space = value.indexOf(" ", start);
      const end = space < 0 ? value.length : space;
      if (end > start) {
        any = true;
        const problem = this.valueProblem(rule, value.slice(start, end));
        if (problem) return problem;
      }
      start = end + 1;
    }
    return any ? undefined : { rule: "type", expected: "one or more values separated by spaces" };
  }

  private valueProblem(rule: AttributeRule, value: string): { rule: string; expected: string } | undefined {
    switch (rule.type) {
      case "integer": {
        if (!/^[0-9]+$/.test(value)) return { rule: "type", expected: "a whole number" };
        const n = Number(value);
        if (rule.minimum !== undefined && n < rule.minimum)
          return { rule: "minimum", expected: `a whole number of at least ${rule.minimum}` };
        if (rule.maximum !== undefined && n > rule.maximum)
          return { rule: "maximum", expected: `a whole number of at most ${rule.maximum}` };
        return undefined;
      }
      case "boolean":
        return value === "true" || value === "false" ? undefined : { rule: "type", expected: "true or false" };
      case "method":
        return this.vocabulary.methods.includes(value)
          ? undefined
          : { rule: "enum", expected: `one of ${joinNames(this.vocabulary.methods)}` };
      case "enum": {
        const known = this.language.enums.get(rule.enum);
        if (!known || known.set.has(value)) return undefined;
        const list =
          known.values.length <= 12
            ? `one of ${joinNames(known.values)}`
            : `one of the ${known.values.length} values of ${rule.enum}`;
        return { rule: "enum", expected: `${list}${didYouMean(closestName(value, known.values))}` };
      }
      case "url": {
        const problem = this.urlProblem(value, true);
        return problem ? { rule: "url", expected: problem } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Why `value` is not a URL Twilio can fetch, or undefined when it is one (absolute, or relative to the page). */
  private urlProblem(value: string, sockets: boolean): string | undefined {
    const kinds = sockets ? "http(s) or ws(s)" : "http(s)";
    if (value === "") return `an ${kinds} URL, absolute or relative to the document`;
    if (/\s/.test(value)) return "a URL without spaces (write a space as %20)";
    const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined) return undefined;
    const web = scheme === "http" || scheme === "https";
    const socket = sockets && (scheme === "ws" || scheme === "wss");
    if (!web && !socket) return `an ${kinds} URL, or one relative to the document`;
    const asHttp = socket ? value.replace(/^wss?/i, "https") : value;
    return this.vocabulary.url.test(asHttp)
      ? undefined
      : `an absolute URL with a host name Twilio accepts (no underscores) and nothing but %-escapes for spaces`;
  }

  text(text: string, offset: number): void {
    const frame = this.stack.at(-1);
    if (!frame?.rule) return;
    if (frame.textOffset < 0) {
      let first = 0;
      while (first < text.length && " \t\r\n".includes(text.charAt(first))) first++;
      if (first < text.length) frame.textOffset = offset + first;
    }
    frame.text += text;
  }

  end(_tag: string, _offset: number): void {
    const frame = this.stack.pop();
    if (!frame?.rule || this.full) return;
    const { rule } = frame;
    const text = frame.textOffset < 0 ? "" : frame.text.trim();
    if (!rule.text) {
      if (text !== "") {
        const hint = this.language.root.children.has("Say") ? " (words to speak go in <Say>)" : "";
        this.error(frame.textOffset, frame, "text-content", `no text in <${frame.tag}>${hint}`, text);
      }
      return;
    }
    if (text === "") {
      if ((rule.text.required || rule.needsContent) && frame.elements === 0)
        this.error(frame.offset, frame, "required-content", `<${frame.tag}> with its ${rule.text.name} as text`);
      return;
    }
    const at = frame.textOffset;
    switch (rule.text.format) {
      case "url": {
        const problem = this.urlProblem(text, false);
        if (problem) this.error(at, frame, "url", problem, text);
        break;
      }
      case "phone":
        if (!this.vocabulary.phone.test(text))
          this.error(at, frame, "phone", "a phone number: digits, with a leading plus sign for E.164", text);
        else if (!this.vocabulary.e164.test(text))
          this.warn(
            at,
            frame,
            "e164",
            "E.164, a plus sign and digits only; Twilio reads a national number and separators (its docs write 415-123-4567), but they show the number was not normalized",
            text,
          );
        break;
      case "sip":
        if (!this.vocabulary.sip.test(text))
          this.error(
            at,
            frame,
            "sip",
            "a SIP URI such as sip:pat@example.com, with optional ;parameters and ?headers",
            text,
          );
        break;
      default:
        break;
    }
  }
}
