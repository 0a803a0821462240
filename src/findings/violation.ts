// What a finding is and how it is worded: the one shape every check reports in (the validators, the TwiML checker,
// the recorders and the verifier), and the one sentence that names its field, rule, expectation and value.
import { shortText, shownValue } from "./redact.js";

export type Location = "body" | "query" | "path" | "response";

/**
 * error: Twilio rejects the request, or never sends such a response. warning: Twilio accepts or sends it, but it
 * breaks one of the contract's advisory rules (non-canonical, deprecated or undocumented).
 */
export type Severity = "error" | "warning";

export interface Violation {
  severity: Severity;
  /** The operationId, or the schema name for a standalone object check such as validateCall. */
  operation: string;
  location: Location;
  /** The field as a user names it: `Timeout`, `StatusCallbackEvent[1]`, `calls[0].sid`, `Url|Twiml|ApplicationSid`. */
  field: string;
  /**
   * For an error, the schema keyword that failed (`maximum`, `pattern`, `required`, ...) or `single-value` for a
   * repeated key; for a warning, the advisory rule's name (`e164`, `undocumented-field`, ...).
   */
  rule: string;
  /** What the rule asks for, in words. */
  expected: string;
  /** The offending value (secrets redacted, long text shortened); absent when the field is missing. */
  value?: unknown;
  message: string;
  /** Set for a finding inside a document a field carries (TwiML): its 1-based line and column, and element path. */
  line?: number;
  column?: number;
  path?: string;
}

/** The one wording of a violation, without its operation: "Timeout breaks maximum: must be <= 600, got 601". */
export function violationSentence(v: Pick<Violation, "field" | "rule" | "expected"> & { value?: unknown }): string {
  if (v.rule === "required") return `${v.field} is required`;
  const got = "value" in v ? `, got ${JSON.stringify(v.value)}` : "";
  return `${v.field} breaks ${v.rule}: ${v.expected}${got}`;
}

/** An error; pass the value as the last argument when there is one (a missing field has none). */
export function violation(
  operation: string,
  location: Location,
  field: string,
  rule: string,
  expected: string,
  ...value: [] | [unknown]
): Violation {
  const shown = value.length > 0 ? { value: shownValue(field, value[0]) } : {};
  // A field name is the sender's text too: a 10 MB key must not become a 10 MB message.
  const parts = { field: shortText(field, 120), rule, expected, ...shown };
  const message = `${operation} ${location}: ${violationSentence(parts)}`;
  return { severity: "error", operation, location, ...parts, message };
}
