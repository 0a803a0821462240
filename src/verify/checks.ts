// The catalogue of named checks `calls-contract verify` runs on every exchange with a server, one function each.
// A check returns its outcome, or undefined where it does not apply to that exchange.
import { operations, validateResponse, violationSentence } from "../validation/index.js";
import type { RequestCase } from "./corpus.js";
import type { Exchange } from "./http.js";

export const CHECKS = {
  "accepts-valid-request": "a request the spec allows gets the operation's success status (or 404 for an unknown call)",
  "rejects-invalid-request": "a request the spec forbids gets 400",
  "status-declared": "every status code the server answers with is declared for the operation",
  "response-schema": "every response body matches the schema declared for its status, with no extra keys",
  "requires-auth": "a request without credentials gets 401",
} as const;
export type CheckName = keyof typeof CHECKS;

export interface CheckOutcome {
  check: CheckName;
  operation: string;
  /** What was sent, in words: "rejects Timeout 601". */
  subject: string;
  request: string;
  passed: boolean;
  expected: string;
  actual: string;
  /** One line per schema violation, for response-schema failures. */
  details: string[];
}

/** One request of the plan and what the server answered. */
export interface Exchanged {
  testCase: RequestCase;
  /** False for the cases sent without credentials. */
  authenticated: boolean;
  subject: string;
  request: string;
  exchange: Exchange;
}

export type Check = (exchanged: Exchanged) => CheckOutcome | undefined;

function outcome(
  check: CheckName,
  e: Exchanged,
  passed: boolean,
  expected: string,
  actual: string,
  details: string[] = [],
): CheckOutcome {
  return {
    check,
    operation: e.testCase.operation,
    subject: e.subject,
    request: e.request,
    passed,
    expected,
    actual,
    details,
  };
}

function describeAnswer(exchange: Exchange): string {
  const body = exchange.body as { code?: unknown; message?: unknown } | undefined;
  const twilio =
    body && typeof body === "object" && "message" in body
      ? ` (code ${String(body.code)}: ${String(body.message)})`
      : "";
  return `${exchange.status}${twilio}`;
}

const declaredStatuses = (e: Exchanged) => Object.keys(operations[e.testCase.operation].validators.responses);

export const acceptsValidRequest: Check = (e) => {
  if (!e.authenticated || e.testCase.expect !== "accept") return undefined;
  const manifest = operations[e.testCase.operation];
  // An unknown call is a fine answer to a valid request about one.
  const allowed = [manifest.successStatus, ...(manifest.pathParams.includes("Sid") ? [404] : [])];
  return outcome(
    "accepts-valid-request",
    e,
    allowed.includes(e.exchange.status),
    allowed.join(" or "),
    describeAnswer(e.exchange),
  );
};

export const rejectsInvalidRequest: Check = (e) => {
  if (!e.authenticated || e.testCase.expect !== "reject") return undefined;
  const breaks = e.testCase.breaks ? ` (breaks ${e.testCase.breaks.rule} on ${e.testCase.breaks.field})` : "";
  return outcome("rejects-invalid-request", e, e.exchange.status === 400, `400${breaks}`, describeAnswer(e.exchange));
};

export const requiresAuth: Check = (e) => {
  if (e.authenticated) return undefined;
  return outcome("requires-auth", e, e.exchange.status === 401, "401", describeAnswer(e.exchange));
};

export const statusDeclared: Check = (e) => {
  const declared = declaredStatuses(e);
  const passed = declared.includes(String(e.exchange.status));
  return outcome("status-declared", e, passed, `one of ${declared.join(", ")}`, String(e.exchange.status));
};

export const responseSchema: Check = (e) => {
  if (!declaredStatuses(e).includes(String(e.exchange.status))) return undefined;
  const result = validateResponse(e.testCase.operation, e.exchange.status, e.exchange.body);
  const status = e.exchange.status;
  const actual = `${status} with ${result.valid ? "a conforming body" : `${result.violations.length} violation(s)`}`;
  const details = result.violations.map(violationSentence);
  return outcome(
    "response-schema",
    e,
    result.valid,
    "a body that matches the schema declared for its status",
    actual,
    details,
  );
};

/** Every check, in the order outcomes are reported for one exchange. */
export const ALL_CHECKS: Check[] = [
  acceptsValidRequest,
  rejectsInvalidRequest,
  requiresAuth,
  statusDeclared,
  responseSchema,
];
