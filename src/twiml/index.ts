// TwiML as a checked language: validateTwiml reads a TwiML document and lists what Twilio would refuse or skip
// (errors) and what runs but is surely a mistake (warnings), each with its line, column and element path.
import type { Location } from "../findings/violation.js";
import { TwimlChecker, type TwimlViolation } from "./check.js";
import type { TwimlKind } from "./vocabulary.js";

export type { TwimlKind, TwimlViolation };

export interface TwimlOptions {
  /** Voice TwiML (a call's, the default) or messaging TwiML (a reply to a message). */
  kind?: TwimlKind;
  /** Names the check in each violation and its message, as the other validators do; `TwiML` by default. */
  operation?: string;
  location?: Location;
  /** The field the document came in; `Twiml` by default, the name of createCall's and updateCall's parameter. */
  field?: string;
}

export interface TwimlResult {
  /** True when there is no error; warnings alone leave it true. */
  valid: boolean;
  /** What Twilio refuses, or skips: malformed XML, elements, attributes or text the vocabulary does not allow. */
  violations: TwimlViolation[];
  /** What runs but is surely a mistake: verbs that can never run, <Sms> in voice TwiML, numbers not normalized. */
  warnings: TwimlViolation[];
}

/**
 * Checks a TwiML document. When the XML itself is malformed only those errors are listed: what the document
 * would have meant is a guess, and checks built on a guess would mislead.
 */
export function validateTwiml(xml: string, options: TwimlOptions = {}): TwimlResult {
  const checker = new TwimlChecker(xml, options.kind ?? "voice", {
    operation: options.operation ?? "TwiML",
    location: options.location ?? "body",
    field: options.field ?? "Twiml",
  });
  checker.run();
  const byPlace = (a: TwimlViolation, b: TwimlViolation) => a.line - b.line || a.column - b.column;
  if (checker.syntax.length > 0) return { valid: false, violations: checker.syntax.sort(byPlace), warnings: [] };
  const violations = checker.errors.sort(byPlace);
  return { valid: violations.length === 0, violations, warnings: checker.warnings.sort(byPlace) };
}
