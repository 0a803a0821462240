// XML responses (the 2008-08-01 API's `<TwilioResponse>`) read into the object their schema describes, so that the
// same compiled validators and the same named violations serve XML and JSON alike. xml-tree.ts reads the document
// into elements; this module reads the elements by the shape codegen wrote for the response.
import type { XmlNode, XmlShape } from "../../generated/manifest.js";
import type { Location, Violation } from "../findings/violation.js";
import { positionsIn } from "../xml/index.js";
import { type Element, pathOf, ROOT_FIELD, readTree, XmlFindings } from "./xml-tree.js";

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

/** Reads an XML body by its shape; malformed XML yields only the XML's own errors, as validateTwiml does. */
export function readXmlBody(operation: string, location: Location, text: string, shape: XmlShape): XmlRead {
  const at = positionsIn(text);
  const findings = new XmlFindings(operation, location, at);
  const elements = new Map<string, Element>();
  const places: Places = {
    get(field) {
      const element = elements.get(field);
      return element && { ...at(element.offset), path: pathOf(element) };
    },
  };
  const root = readTree(text, findings);
  if (findings.list.length > 0) return { value: undefined, violations: findings.list, places };
  if (!root) {
    const found = findings.about(ROOT_FIELD, "root", `a <${shape.root}> element`, text.slice(0, 60));
    return { value: undefined, violations: [found], places };
  }
  if (root.name !== shape.root) {
    const found = findings.about(ROOT_FIELD, "root", `the root element <${shape.root}>`, root.name);
    return { value: undefined, violations: [findings.placed(found, root.offset, root.name)], places };
  }
  const value = readElement({ findings, elements }, root, shape.body, ROOT_FIELD);
  return { value, violations: findings.list, places };
}

interface Reading {
  findings: XmlFindings;
  /** Each field read, to its element: the places of the schema's findings. */
  elements: Map<string, Element>;
}

// An element read as the schema expects it: children become an object, text becomes a value, no text is null.
function readElement(reading: Reading, element: Element, node: XmlNode | undefined, field: string): unknown {
  reading.elements.set(field, element);
  if (node?.kind === "object" || (!node && element.children.length > 0))
    return readObject(reading, element, node, field);
  if (element.children.length > 0) {
    const names = element.children.map((c) => `<${c.name}>`).join(", ");
    const expected = "text only, no child elements";
    reading.findings.add(field, "text-content", expected, element.offset, pathOf(element), names);
  }
  return textValue(element.text, node);
}

type ObjectNode = Extract<XmlNode, { kind: "object" }>;
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;
const fieldOf = (parent: string, name: string) => (parent === ROOT_FIELD ? name : `${parent}.${name}`);

function readObject(reading: Reading, element: Element, node: XmlNode | undefined, field: string): unknown {
  const { findings } = reading;
  const text = element.text.trim();
  if (text !== "")
    findings.add(field, "text-content", "child elements only, no text", element.offset, pathOf(element), text);
  const object: Record<string, unknown> = Object.create(null);
  const shape = node?.kind === "object" ? node : undefined;
  if (shape?.attributes) readAttributes(reading, element, shape, field, object);
  // A list's entries are there, empty, when it holds none.
  for (const [name, child] of Object.entries(shape?.children ?? {})) if (child.kind === "array") object[name] = [];
  const seen = new Map<string, number>();
  for (const child of element.children) {
    const childField = fieldOf(field, child.name);
    const childNode = own(shape?.children, child.name);
    if (childNode?.kind === "array") {
      const entries = object[child.name] as unknown[];
      entries.push(readElement(reading, child, childNode.items, `${childField}[${entries.length}]`));
      continue;
    }
    const count = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, count);
    if (count > 1) {
      if (count === 2)
        findings.add(childField, "single-value", "one element of this name", child.offset, pathOf(child), count);
      continue;
    }
    object[child.name] = readElement(reading, child, childNode, childField);
  }
  return object;
}

/**
 * The attributes of an element whose schema declares some (a list's paging): each a property, read by its kind,
 * an empty one null; one the schema does not know is read as text, for the schema to report. Elsewhere attributes
 * are not read: none of the described elements has one.
 */
function readAttributes(reading: Reading, element: Element, shape: ObjectNode, field: string, object: object): void {
  const properties = object as Record<string, unknown>;
  for (const attribute of element.attributes) {
    if (attribute.name === "xmlns" || attribute.name.startsWith("xmlns:")) continue;
    reading.elements.set(fieldOf(field, attribute.name), element);
    properties[attribute.name] = textValue(attribute.value, own(shape.attributes, attribute.name));
  }
}

function textValue(value: string, node: XmlNode | undefined): unknown {
  if (value === "") return null;
  if (node?.kind === "integer" && /^-?[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  if (node?.kind === "number" && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
  // Text that does not parse stays text, so the schema reports "must be integer" with the value as sent.
  return value;
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
