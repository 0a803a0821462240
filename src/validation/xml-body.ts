// XML answers (the 2008-08-01 API's `<TwilioResponse>`) read into the object their schema describes, so that the
// same compiled validators and the same named violations serve XML and JSON alike. The document is read by the
// tokenizer TwiML is read by (src/xml/): it names every mistake at its own line and column, reads no DTD,
// and costs no dependency; see "The XML parser" in the README.
import type { XmlNode, XmlShape } from "../../generated/manifest.js";
import { type Location, type Violation, violation } from "../findings/violation.js";
import { MAX_XML_DEPTH, MAX_XML_FINDINGS, positionsIn, tokenize } from "../xml/index.js";

interface Element {
  name: string;
  offset: number;
  parent: Element | undefined;
  children: Element[];
  text: string;
}

// Paths and positions are worked out only for a finding: a valid answer, the common case, never pays for them.
function pathOf(element: Element): string {
  const names: string[] = [];
  for (let at: Element | undefined = element; at; at = at.parent) names.push(at.name);
  return names.reverse().join("/");
}

/** Where a field's element starts, for a finding about it. */
export interface XmlPlace {
  line: number;
  column: number;
  path: string;
}

export interface XmlRead {
  /** The body as its schema sees it; undefined when the XML could not be read. */
  value: unknown;
  violations: Violation[];
  /** Field name (`Call.Status`) to the place of its element. */
  places: Places;
}

/** Where each field's element is, resolved to line, column and path on demand. */
export interface Places {
  get(field: string): XmlPlace | undefined;
}

const ROOT_FIELD = "(body)";

// With the tokenizer's depth and findings bounds, any answer a server sends is read in bounded time and memory: a
// described answer nests four levels and holds a few dozen elements.
const MAX_ELEMENTS = 10_000;

/** Reads an XML body by its shape; malformed XML yields only the XML's own errors, as validateTwiml does. */
export function readXmlBody(operation: string, location: Location, text: string, shape: XmlShape): XmlRead {
  const violations: Violation[] = [];
  const elements = new Map<string, Element>();
  const at = positionsIn(text);
  const places: Places = {
    get(field) {
      const element = elements.get(field);
      return element && { ...at(element.offset), path: pathOf(element) };
    },
  };
  const located = (found: Violation, offset: number, path: string): Violation => {
    const { line, column } = at(offset);
    return { ...found, line, column, path, message: `${found.message} (line ${line}, column ${column}: ${path})` };
  };

  const stack: Element[] = [];
  // An unclosed element is reported at its own start tag, after the stack has moved on: name it by its own path.
  const started = new Map<number, Element>();
  let root: Element | undefined;
  // Elements past the bounds are read for well-formedness only; one finding says where reading stopped.
  let depth = 0;
  let dropped = 0;
  let unlisted = 0;
  const bounded = (rule: string, offset: number, expected: string) => {
    if (dropped > 0) return;
    const top = stack.at(-1);
    const found = violation(operation, location, ROOT_FIELD, rule, expected);
    violations.push(located(found, offset, top ? pathOf(top) : "(document)"));
  };
  tokenize(text, {
    start(name, offset) {
      depth += 1;
      if (depth > MAX_XML_DEPTH || started.size >= MAX_ELEMENTS) {
        if (depth > MAX_XML_DEPTH) bounded("depth", offset, `at most ${MAX_XML_DEPTH} levels of nesting`);
        else bounded("limit", offset, `at most ${MAX_ELEMENTS} elements`);
        dropped += 1;
        return;
      }
      const parent = stack.at(-1);
      const element: Element = { name, offset, parent, children: [], text: "" };
      if (parent) parent.children.push(element);
      else root ??= element;
      stack.push(element);
      started.set(offset, element);
    },
    end() {
      depth -= 1;
      // Inside a dropped element the stack was not pushed; its end is the dropped one's.
      if (stack.length > depth) stack.pop();
    },
    text(chunk) {
      const current = stack.at(-1);
      if (current && stack.length === depth) current.text += chunk;
    },
    malformed(rule, offset, expected, value) {
      if (violations.length >= MAX_XML_FINDINGS) {
        unlisted += 1;
        return;
      }
      const own = started.get(offset) ?? stack.at(-1);
      const path = own ? pathOf(own) : "(document)";
      const found = violation(operation, location, ROOT_FIELD, rule, expected, ...(value === undefined ? [] : [value]));
      violations.push(located(found, offset, path));
    },
  });
  if (unlisted > 0) {
    const expected = `well-formed XML (${unlisted} more problems are not listed)`;
    violations.push(violation(operation, location, ROOT_FIELD, "limit", expected));
  }
  if (violations.length > 0) return { value: undefined, violations, places };
  if (!root) {
    const found = violation(operation, location, ROOT_FIELD, "root", `a <${shape.root}> element`, text.slice(0, 60));
    return { value: undefined, violations: [found], places };
  }
  if (root.name !== shape.root) {
    const found = violation(operation, location, ROOT_FIELD, "root", `the root element <${shape.root}>`, root.name);
    return { value: undefined, violations: [located(found, root.offset, root.name)], places };
  }

  // An element read as the schema expects it: children become an object, text becomes a value, no text is null.
  const read = (element: Element, node: XmlNode | undefined, field: string): unknown => {
    elements.set(field, element);
    if (node?.kind === "object" || (!node && element.children.length > 0)) {
      if (element.text.trim() !== "") {
        const found = violation(
          operation,
          location,
          field,
          "text-content",
          "child elements only, no text",
          element.text.trim(),
        );
        violations.push(located(found, element.offset, pathOf(element)));
      }
      const object: Record<string, unknown> = Object.create(null);
      const seen = new Map<string, number>();
      for (const child of element.children) {
        const childField = field === ROOT_FIELD ? child.name : `${field}.${child.name}`;
        const count = (seen.get(child.name) ?? 0) + 1;
        seen.set(child.name, count);
        if (count > 1) {
          if (count === 2) {
            const found = violation(operation, location, childField, "single-value", "one element of this name", count);
            violations.push(located(found, child.offset, pathOf(child)));
          }
          continue;
        }
        const childNode = node?.kind === "object" ? node.children[child.name] : undefined;
        object[child.name] = read(child, childNode, childField);
      }
      return object;
    }
    if (element.children.length > 0) {
      const names = element.children.map((c) => `<${c.name}>`).join(", ");
      const found = violation(operation, location, field, "text-content", "text only, no child elements", names);
      violations.push(located(found, element.offset, pathOf(element)));
    }
    const value = element.text;
    if (value === "") return null;
    if (node?.kind === "integer" && /^-?[0-9]+$/.test(value) && Number.isSafeInteger(Number(value)))
      return Number(value);
    if (node?.kind === "number" && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
    // Text that does not parse stays text, so the schema reports "must be integer" with the value as sent.
    return value;
  };
  const value = read(root, shape.body, ROOT_FIELD);
  return { value, violations, places };
}

/** Adds the line, column and element path of its field to each finding of a schema check of an XML body. */
export function placeFindings(findings: Violation[], places: Places): Violation[] {
  return findings.map((found) => {
    if (found.line !== undefined) return found;
    // A missing field has no element of its own: its parent's is the nearest place.
    let field = found.field;
    let place = places.get(field);
    while (!place && field.includes(".")) {
      field = field.slice(0, field.lastIndexOf("."));
      place = places.get(field);
    }
    place ??= places.get(ROOT_FIELD);
    if (!place) return found;
    const where = `line ${place.line}, column ${place.column}: ${place.path}`;
    const message = found.message.endsWith(" (warning)")
      ? `${found.message.slice(0, -" (warning)".length)} (${where}) (warning)`
      : `${found.message} (${where})`;
    return { ...found, ...place, message };
  });
}
