// Advisory rules: where this contract is deliberately stricter than Twilio. The spec's ordinary keywords state what
// Twilio really accepts and sends (the truth); a node may add an `x-advisory` object holding a named rule, a
// description that says why, and JSON Schema keywords that tighten the node, or a list of such objects. Codegen
// derives from the one document:
// - the truth, as written (x-advisory is an annotation there), for errors, Prism and consumers' checks;
// - the canonical document, with every advisory's keywords merged into its node (replacing keywords of the same
//   name, except `required`, whose keys are added), for the generated types and for warnings.
// Each merged node is marked with the rules and the keywords each contributed (for `required`, the keys it added),
// so that a validator can tell an advisory failure (a warning) from a truth failure (an error). Advisory keywords
// should not hold a $ref: the marks stop where a reference leads elsewhere.
import type { Schema, Spec } from "./openapi.js";

export const ADVISORY = "x-advisory";
/** Set on every canonical node an advisory touched: `{ rule, description, keywords }` ("*" for a whole subtree). */
export const ADVISORY_MARK = "x-advisory-rule";

export interface Advisory {
  rule: string;
  description: string;
  [keyword: string]: unknown;
}

export interface AdvisoryMark {
  rule: string;
  description: string;
  keywords: string[] | "*";
  /** For an advisory that adds `required` keys (added-later): the keys it added, each a warning of its own rule. */
  required?: string[];
}

// Where JSON Schema 2020-12 keeps sub-schemas, so that marks land on schemas only.
const SCHEMA_VALUED = ["not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];

function markSubtree(schema: unknown, mark: AdvisoryMark): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const node = { ...(schema as Schema) };
  for (const key of SCHEMA_VALUED) if (key in node) node[key] = markSubtree(node[key], mark);
  for (const key of SCHEMA_MAPS) {
    if (node[key] && typeof node[key] === "object") {
      node[key] = Object.fromEntries(
        Object.entries(node[key] as Record<string, unknown>).map(([name, s]) => [name, markSubtree(s, mark)]),
      );
    }
  }
  for (const key of SCHEMA_LISTS) {
    if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map((s) => markSubtree(s, mark));
  }
  node[ADVISORY_MARK] = { ...mark, keywords: "*" };
  return node;
}

/** A node's advisories: one object, or a list of them where several rules tighten the same node. */
export const advisoriesOf = (node: Schema): Advisory[] => [node[ADVISORY] ?? []].flat() as Advisory[];

function merge(tightened: Schema, advisory: Advisory): AdvisoryMark {
  const { rule, description, ...keywords } = advisory;
  if (typeof rule !== "string" || typeof description !== "string") {
    throw new Error(`an ${ADVISORY} needs a rule name and a description, got ${JSON.stringify(advisory)}`);
  }
  const mark: AdvisoryMark = { rule, description, keywords: Object.keys(keywords) };
  for (const [keyword, value] of Object.entries(keywords)) {
    if (keyword === "required") {
      // Keys an advisory requires are added to the truth's, and the mark names them: each is its own warning.
      mark.required = value as string[];
      tightened.required = [...new Set([...(tightened.required ?? []), ...(value as string[])])];
      continue;
    }
    tightened[keyword] =
      SCHEMA_VALUED.includes(keyword) || SCHEMA_MAPS.includes(keyword) || SCHEMA_LISTS.includes(keyword)
        ? (markSubtree({ [keyword]: value }, mark) as Schema)[keyword]
        : value;
  }
  return mark;
}

function tighten(node: Schema, list: Advisory[]): Schema {
  const tightened: Schema = { ...node };
  delete tightened[ADVISORY];
  const marks = list.map((advisory) => merge(tightened, advisory));
  tightened[ADVISORY_MARK] = marks.length === 1 ? marks[0] : marks;
  return tightened;
}

function walk(value: unknown, visit: (node: Schema) => Schema): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, visit));
  if (value === null || typeof value !== "object") return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, walk(v, visit)]));
  return visit(copy as Schema);
}

/** The canonical document: the truth with every advisory merged into its node and marked. */
export function canonicalSpec(spec: Spec): Spec {
  return walk(spec, (node) => (node[ADVISORY] ? tighten(node, advisoriesOf(node)) : node)) as Spec;
}

/** Every advisory in the document, with the JSON pointer of the node that holds it. */
export function advisories(spec: Spec): Array<{ pointer: string; advisory: Advisory }> {
  const found: Array<{ pointer: string; advisory: Advisory }> = [];
  const visit = (value: unknown, pointer: string) => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (key === ADVISORY) found.push(...advisoriesOf(value as Schema).map((advisory) => ({ pointer, advisory })));
      else visit(child, at);
    }
  };
  visit(spec, "");
  return found;
}

/** True when the schema, or anything it references, holds an advisory: only then is a strict validator needed. */
export function reachesAdvisory(spec: Spec, schema: unknown, seen = new Set<unknown>()): boolean {
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return false;
  seen.add(schema);
  if (ADVISORY in (schema as object)) return true;
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") {
      const pointer = value.replace(/^[^#]*#\//, "").split("/");
      const target = pointer.reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], spec);
      if (reachesAdvisory(spec, target, seen)) return true;
    } else if (reachesAdvisory(spec, value, seen)) {
      return true;
    }
  }
  return false;
}

/** Strips the advisory marks and annotations, for documents handed to other tools. */
export function withoutAdvisoryMarks(spec: Spec): Spec {
  return walk(spec, (node) => {
    const copy = { ...node };
    delete copy[ADVISORY_MARK];
    return copy;
  }) as Spec;
}
