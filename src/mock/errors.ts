// How the mock words a rejected request: Twilio's error body, with the code Twilio uses for that field where the
// spec records one, and a message that names the field, the rule and the value.
import type { ServerResponse } from "node:http";
import type { TwilioErrorBody } from "../client/types.js";
import { type OperationId, operations, type Violation, violationSentence } from "../validation/index.js";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function twilioError(
  status: number,
  code: number,
  message: string,
  details?: Record<string, unknown>,
): TwilioErrorBody {
  return {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
    ...(details ? { details } : {}),
  };
}

const INVALID_PARAMETER = 20001;

/** The code for a violation: the one the spec gives its field and rule (`x-twilio-error-codes`), else 20001. */
export function codeFor(violation: Violation): number {
  // Own properties only: a field named "constructor" is the sender's, not Object's.
  const table = Object.hasOwn(operations, violation.operation)
    ? operations[violation.operation as OperationId].errorCodes
    : undefined;
  const codes = table && Object.hasOwn(table, violation.field) ? table[violation.field] : undefined;
  if (!codes) return INVALID_PARAMETER;
  const byRule = codes.byRule && Object.hasOwn(codes.byRule, violation.rule) ? codes.byRule[violation.rule] : undefined;
  const code = byRule ?? (violation.rule === "required" ? (codes.missing ?? codes.invalid) : codes.invalid);
  return code ?? INVALID_PARAMETER;
}

/** How many violations a 400 lists in `details`; the rest are counted. */
export const LISTED_VIOLATIONS = 20;

/** One 400 body for the violations found; the message leads with the first, `details` lists the first 20. */
export function invalidRequest(violations: Violation[]): TwilioErrorBody {
  const first = violations[0]!;
  const more =
    violations.length > 1 ? ` (and ${violations.length - 1} more problem${violations.length > 2 ? "s" : ""})` : "";
  const unlisted = violations.length - LISTED_VIOLATIONS;
  return twilioError(400, codeFor(first), `${violationSentence(first)}${more}`, {
    ...(unlisted > 0 ? { more: `${unlisted} more violations are not listed` } : {}),
    violations: violations.slice(0, LISTED_VIOLATIONS).map((v) => ({
      location: v.location,
      field: v.field,
      rule: v.rule,
      expected: v.expected,
      ...("value" in v ? { value: v.value } : {}),
    })),
  });
}

/** Under test credentials Twilio responds to these numbers with fixed errors; the mock does the same. */
export const MAGIC_NUMBERS = {
  From: { "+15005550001": [21212, "Invalid 'From' phone number: +15005550001 is not a number you can call from"] },
  To: {
    "+15005550001": [21217, "Phone number +15005550001 does not appear to be valid"],
    "+15005550002": [21214, "'To' phone number +15005550002 cannot be reached"],
    "+15005550003": [21215, "Account not authorized to call +15005550003: geographic permissions do not allow it"],
    "+15005550004": [21216, "Account not allowed to call +15005550004"],
  },
} as const satisfies Record<string, Record<string, readonly [number, string]>>;

export function magicNumberError(body: Record<string, unknown>): TwilioErrorBody | undefined {
  for (const field of ["From", "To"] as const) {
    const table: Record<string, readonly [number, string]> = MAGIC_NUMBERS[field];
    const number = body[field];
    const hit = typeof number === "string" && Object.hasOwn(table, number) ? table[number] : undefined;
    if (hit) return twilioError(400, hit[0], hit[1]);
  }
  return undefined;
}
