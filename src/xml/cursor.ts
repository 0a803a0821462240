// The tokenizer's state while it reads one document: where it is, which elements are open, and the findings it
// holds back while a start tag is read. The reader of each construct (text.ts, markup.ts, tags.ts, attributes.ts)
// moves it on.
import type { XmlHandler } from "./handler.js";

export const GREATER_THAN = 0x3e;
export const SLASH = 0x2f;

// XML's Name production, simplified: ASCII letters, digits and punctuation as XML has them, and every non-ASCII
// character from U+00C0 on (the exact ranges differ only at rare code points). Scanned by hand: measured faster
// than a sticky regular expression here.
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;

export const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The start of some text, as a finding shows what it got. */
export function printable(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

export interface OpenElement {
  name: string;
  offset: number;
}

type Finding = [rule: string, offset: number, expected: string, value: string | undefined];

export class Cursor {
  /** Where reading goes on. */
  at: number;
  /** Where the document starts: after its byte order mark, if it has one. */
  readonly start: number;
  readonly length: number;
  readonly open: OpenElement[] = [];
  // How many elements of each name are open: a closing tag whose name is not open is refused without searching the
  // stack, so that 100,000 stray closing tags under 100,000 open elements cost no more than reading them.
  readonly openNames = new Map<string, number>();
  rootSeen = false;
  // Mistakes inside a start tag are held until the element is started, so that they are named by its path.
  private deferring = false;
  private deferred: Finding[] = [];

  constructor(
    readonly xml: string,
    readonly handler: XmlHandler,
  ) {
    this.start = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.at = this.start;
    this.length = xml.length;
  }

  report(rule: string, offset: number, expected: string, value?: string): void {
    if (this.deferring) this.deferred.push([rule, offset, expected, value]);
    else this.handler.malformed(rule, offset, expected, value);
  }

  /** Holds findings back until `release`, while a start tag is read. */
  defer(): void {
    this.deferring = true;
  }

  release(): void {
    this.deferring = false;
    if (this.deferred.length === 0) return;
    for (const [rule, offset, expected, value] of this.deferred) this.handler.malformed(rule, offset, expected, value);
    this.deferred = [];
  }

  readName(at: number): string | undefined {
    const { xml, length } = this;
    if (!isNameStart(xml.charCodeAt(at))) return undefined;
    let end = at + 1;
    while (end < length && isNameChar(xml.charCodeAt(end))) end++;
    return xml.slice(at, end);
  }

  skipSpace(at: number): number {
    const { xml, length } = this;
    while (at < length && isSpace(xml.charCodeAt(at))) at++;
    return at;
  }

  /** Goes on after the next `>` from `from`, or to the end when there is none. */
  skipPast(from: number): void {
    const close = this.xml.indexOf(">", from);
    this.at = close < 0 ? this.length : close + 1;
  }

  /** Moves to the end of the document, where reading stops. */
  stop(): void {
    this.at = this.length;
  }

  openElement(name: string, offset: number): void {
    this.open.push({ name, offset });
    this.openNames.set(name, (this.openNames.get(name) ?? 0) + 1);
  }

  /** Closes the innermost open element and returns its name. */
  closeElement(): string {
    const closed = (this.open.pop() as OpenElement).name;
    this.openNames.set(closed, (this.openNames.get(closed) as number) - 1);
    return closed;
  }
}
