// An XML body read into a tree of elements, by the same tokenizer as TwiML (src/xml/): it names every mistake at
// its own line and column, reads no DTD, and costs no dependency; see "The XML parser" in the README. Within the
// tokenizer's bounds and a count of elements, any body a server sends is read in bounded time and memory.
import { type Location, type Violation, violation } from "../findings/violation.js";
import { MAX_XML_DEPTH, MAX_XML_FINDINGS, tokenize, type XmlAttribute, type XmlHandler } from "../xml/index.js";

export interface Element {
  name: string;
  offset: number;
  parent: Element | undefined;
  children: Element[];
  /** A list's paging (`<Calls page="0" ...>`), read as properties where the schema marks them attributes. */
  attributes: XmlAttribute[];
  text: string;
}

/** The field a finding about the body as a whole names. */
export const ROOT_FIELD = "(body)";

// A described response nests four levels and holds a few dozen elements.
const MAX_ELEMENTS = 10_000;

// Paths and positions are worked out only for a finding: a valid body, the common case, never pays for them.
export function pathOf(element: Element): string {
  const names: string[] = [];
  for (let at: Element | undefined = element; at; at = at.parent) names.push(at.name);
  return names.reverse().join("/");
}

/** The findings about one XML body, named by its operation and location, and placed by line, column and path. */
export class XmlFindings {
  readonly list: Violation[] = [];

  constructor(
    private readonly operation: string,
    private readonly location: Location,
    private readonly position: (offset: number) => { line: number; column: number },
  ) {}

  /** An error about `field`, not placed. */
  about(field: string, rule: string, expected: string, ...value: [] | [unknown]): Violation {
    return violation(this.operation, this.location, field, rule, expected, ...value);
  }

  /** The finding with the line and column of `offset` and the element path `path`. */
  placed(found: Violation, offset: number, path: string): Violation {
    const { line, column } = this.position(offset);
    return { ...found, line, column, path, message: `${found.message} (line ${line}, column ${column}: ${path})` };
  }

  /** Adds an error about `field`, placed at `offset` in the element at `path`. */
  add(field: string, rule: string, expected: string, offset: number, path: string, ...value: [] | [unknown]): void {
    this.list.push(this.placed(this.about(field, rule, expected, ...value), offset, path));
  }
}

/** Reads `text` into its tree; malformed XML and the bounds give findings. Undefined when there is no element. */
export function readTree(text: string, findings: XmlFindings): Element | undefined {
  const builder = new TreeBuilder(findings);
  tokenize(text, builder);
  if (builder.unlisted > 0) {
    const expected = `well-formed XML (${builder.unlisted} more problems are not listed)`;
    findings.list.push(findings.about(ROOT_FIELD, "limit", expected));
  }
  return builder.root;
}

class TreeBuilder implements XmlHandler {
  root: Element | undefined;
  /** Findings past MAX_XML_FINDINGS: counted, not listed. */
  unlisted = 0;
  private readonly stack: Element[] = [];
  // An unclosed element is reported at its own start tag, after the stack has moved on: name it by its own path.
  private readonly started = new Map<number, Element>();
  // Elements past the bounds are read for well-formedness only; one finding says where reading stopped.
  private depth = 0;
  private dropped = 0;

  constructor(private readonly findings: XmlFindings) {}

  start(name: string, offset: number, attributes: XmlAttribute[]): void {
    this.depth += 1;
    if (this.depth > MAX_XML_DEPTH || this.started.size >= MAX_ELEMENTS) {
      if (this.depth > MAX_XML_DEPTH) this.bounded("depth", offset, `at most ${MAX_XML_DEPTH} levels of nesting`);
      else this.bounded("limit", offset, `at most ${MAX_ELEMENTS} elements`);
      this.dropped += 1;
      return;
    }
    const parent = this.stack.at(-1);
    const element: Element = { name, offset, parent, children: [], attributes, text: "" };
    if (parent) parent.children.push(element);
    else this.root ??= element;
    this.stack.push(element);
    this.started.set(offset, element);
  }

  end(): void {
    this.depth -= 1;
    // Inside a dropped element the stack was not pushed; its end is the dropped one's.
    if (this.stack.length > this.depth) this.stack.pop();
  }

  text(chunk: string): void {
    const current = this.stack.at(-1);
    if (current && this.stack.length === this.depth) current.text += chunk;
  }

  malformed(rule: string, offset: number, expected: string, value?: string): void {
    if (this.findings.list.length >= MAX_XML_FINDINGS) {
      this.unlisted += 1;
      return;
    }
    const own = this.started.get(offset) ?? this.stack.at(-1);
    const path = own ? pathOf(own) : "(document)";
    this.findings.add(ROOT_FIELD, rule, expected, offset, path, ...(value === undefined ? [] : ([value] as [string])));
  }

  private bounded(rule: string, offset: number, expected: string): void {
    if (this.dropped > 0) return;
    const top = this.stack.at(-1);
    this.findings.add(ROOT_FIELD, rule, expected, offset, top ? pathOf(top) : "(document)");
  }
}
