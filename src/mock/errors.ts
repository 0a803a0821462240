// How the mock words a rejected request: Twilio's error body, with the code Twilio uses for that field where it
// documents one, and a message that names the field, the rule and the value.
import type { ServerResponse } from "node:http";
import type { TwilioErrorBody } from "../client/types.js";
import { type Violation, violationSentence } from "../validation/index.js";

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

/** Codes Twilio documents for createCall and updateCall fields; every other rule maps to 20001 (invalid parameter). */
interface FieldCodes {
  missing?: number;
  invalid: number;
  /** A code for one rule that differs from `invalid` (21605 for a Body over 160 characters). */
  byRule?: Record<string, number>;
}

const FIELD_CODES: Record<string, FieldCodes> = {
  To: { missing: 21201, invalid: 21211 },
  From: { missing: 21213, invalid: 21212 },
  Url: { invalid: 21205 },
  ApplicationSid: { invalid: 21218 },
  "Url|Twiml|ApplicationSid": { invalid: 21205, missing: 21205 },
};
/**
 * The retired operations' own codes. SMS/Messages: 21604, 21603 and 21602 for a missing To, From and Body, 21605
 * for a Body over 160 characters, 21211 for a To that is not a number, 21606 for a From that cannot send (seen on
 * SMS/Messages.json, twilio/twilio-python issue 42). 2008-08-01: 21201 for a missing Called, Twilio's own example.
 */
const OPERATION_FIELD_CODES: Record<string, Record<string, FieldCodes>> = {
  createSmsMessage: {
    To: { missing: 21604, invalid: 21211 },
    From: { missing: 21603, invalid: 21606 },
    Body: { missing: 21602, invalid: 20001, byRule: { maxLength: 21605, minLength: 21602 } },
  },
  createLegacyCall: { Called: { missing: 21201, invalid: 20001 } },
};
const INVALID_PARAMETER = 20001;

export function codeFor(violation: Violation): number {
  // Own properties only: a field named "constructor" is the sender's, not Object's.
  const table = Object.hasOwn(OPERATION_FIELD_CODES, violation.operation)
    ? OPERATION_FIELD_CODES[violation.operation]
    : FIELD_CODES;
  const codes = table && Object.hasOwn(table, violation.field) ? table[violation.field] : undefined;
  if (!codes) return INVALID_PARAMETER;
  const byRule = codes.byRule && Object.hasOwn(codes.byRule, violation.rule) ? codes.byRule[violation.rule] : undefined;
  if (byRule !== undefined) return byRule;
  return violation.rule === "required" ? (codes.missing ?? codes.invalid) : codes.invalid;
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

/** Twilio's test credentials answer these numbers with fixed errors; the mock does the same. */
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
