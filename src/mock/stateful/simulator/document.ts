// A TwiML document as the simulator runs it: read into a tree of verbs (src/twiml/tree.ts, verify-app's reader too)
// and checked by validateTwiml, whose findings stay with the call. A document that is not well-formed XML, or whose
// root is not <Response>, is one Twilio cannot parse: its error 12100 (twilio.com/docs/api/errors/12100).
import { type TwimlResult, validateTwiml } from "../../../twiml/index.js";
import { readTwimlTree, type TwimlNode } from "../../../twiml/tree.js";
import { MAX_FINDINGS_SHOWN } from "./defaults.js";

export interface Finding {
  severity: "error" | "warning";
  rule: string;
  message: string;
  line: number;
  column: number;
  path: string;
}

/** A document read: its verbs and its findings, or why Twilio could not parse it. */
export type ReadDocument =
  | { ok: true; verbs: TwimlNode[]; findings: Finding[]; errors: number }
  | { ok: false; reason: string; findings: Finding[] };

/** validateTwiml's errors and warnings, as the conversation keeps them. */
export function findingsOf(result: TwimlResult): Finding[] {
  return [...result.violations, ...result.warnings].map((v) => ({
    severity: v.severity === "warning" ? "warning" : "error",
    rule: v.rule,
    message: v.message,
    line: v.line,
    column: v.column,
    path: v.path,
  }));
}

/** Reads a document the app returned (or a call's inline Twiml) as Twilio would run it. */
export function readDocument(xml: string): ReadDocument {
  const checked = validateTwiml(xml);
  const findings = findingsOf(checked);
  const root = readTwimlTree(xml);
  if (!root) return { ok: false, reason: "the document is not well-formed XML", findings };
  if (root.tag !== "Response") return { ok: false, reason: `its root is <${root.tag}>, not <Response>`, findings };
  return { ok: true, verbs: root.children, findings, errors: checked.violations.length };
}

/** The first findings of a document, and how many more there are, as a conversation entry shows them. */
export function shownFindings(findings: Finding[]): { findings?: Finding[]; more?: number } {
  if (findings.length === 0) return {};
  const more = findings.length - MAX_FINDINGS_SHOWN;
  return { findings: findings.slice(0, MAX_FINDINGS_SHOWN), ...(more > 0 ? { more } : {}) };
}

/** Every text of an element and of the elements in it (a <Say>'s SSML), in order. */
export function allText(node: TwimlNode): string {
  return [node.text, ...node.children.map(allText)].filter((t) => t !== "").join(" ");
}

/** A whole number attribute, or `fallback` when it is missing or not one (validateTwiml reports the latter). */
export function wholeNumber(node: TwimlNode, name: string, fallback: number): number {
  const value = node.attributes[name];
  return value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : fallback;
}

/** A URL of a verb resolved against its document's, as Twilio resolves a relative one; undefined when it cannot be. */
export function resolveUrl(url: string, base: string | undefined): string | undefined {
  try {
    return new URL(url, base).toString();
  } catch {
    return undefined;
  }
}
