// The catalogue of named checks `calls-contract verify` runs on every exchange with a server, one function each.
// A check returns its outcome, or undefined where it does not apply to that exchange. A failed check is an error
// (the server does what Twilio does not) or a warning (it breaks one of the contract's advisory rules only).
import {
  type OperationId,
  operations,
  type Severity,
  type ValidationResult,
  type Violation,
  validateResponse,
  violationSentence,
} from "../validation/index.js";
import type { RequestCase } from "./corpus.js";
import type { Exchange } from "./http.js";

export const CHECKS = {
  "accepts-valid-request": "a request the spec allows gets the operation's success status (or 404 for an unknown call)",
  "rejects-invalid-request": "a request the spec forbids gets 400",
  "request-valid": "an observed request (proxy or HAR) is one the spec allows",
  "request-advisory": "warning: an observed request also follows the advisory rules",
  "status-declared": "every status code the server responds with is declared for the operation",
  "response-schema": "every response body matches the schema declared for its status",
  "self-links": "a Call's uri and subresource_uris name its own account_sid and sid",
  "requires-auth": "a request without credentials, or with the account SID and a wrong token, gets 401",
  "undocumented-field":
    "warning: a response carries no key the spec does not describe (new keys are drift, not failure)",
  "advisory-rules": "warning: a response follows the contract's advisory rules, which are stricter than Twilio",
  "callback-signature": "a callback carries an X-Twilio-Signature that matches its URL and body",
  "callback-schema": "a callback's fields match the webhook's schema",
  "created-is-fetchable":
    "a call the run created is fetched by its SID with the same SID, To and From, after a newer one too",
  "created-is-listed":
    "a call the run created is on the account's list, filtered by its To, and on its first page asked again",
  "created-matches-request": "a created call's to, from and account_sid are what the create sent",
  "deleted-is-gone": "a deleted call is 404 to fetch, update and delete, and off the list, filtered or asked again",
  "update-follows-status":
    "an update ends a live call; an ended call cannot be redirected, canceled or ended again (400, code 21220); a live call cannot be deleted (400, code 20009)",
  "account-isolation":
    "another account's credentials cannot fetch, update, delete or list a call, under its own path (404) or the call's account's (401, 403 or 404)",
  "filter-respected":
    "a list filtered by To, From or Status returns only calls with it, on every page next_page_uri leads to",
  "paging-complete": "following next_page_uri reaches every call the run created exactly once",
} as const;
export type CheckName = keyof typeof CHECKS;

/** One check of one exchange; `Name` is the catalogue's names (verify's, or verify-app's for its outcomes). */
export interface CheckOutcome<Name extends string = CheckName> {
  check: Name;
  /** How much a failure weighs: an error fails the run, a warning only with --strict. */
  severity: Severity;
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

/** An outcome of any catalogue's check, as the table, the failures and the JUnit and JSON reports read it. */
export type ReportedOutcome = CheckOutcome<string>;

/** Where an outcome came from: the operation (or webhook), the exchange in words, and the request. */
export interface Subject {
  operation: string;
  subject: string;
  request: string;
}

/** What the response checks read of an exchange, whether verify sent it or a proxy or HAR file recorded it. */
export interface Observed extends Subject {
  operation: OperationId;
  exchange: Exchange;
}

/** One request of the plan and what the server responded with. */
export interface Exchanged extends Observed {
  testCase: RequestCase;
  /** False for the cases sent without credentials. */
  authenticated: boolean;
}

export type Check = (exchanged: Exchanged) => CheckOutcome | undefined;
/** A check that needs nothing but the exchange, so that it also applies to recorded traffic. */
export type ObservedCheck = (observed: Observed) => CheckOutcome | undefined;

const WARNING_CHECKS: ReadonlySet<CheckName> = new Set(["undocumented-field", "advisory-rules", "request-advisory"]);

function outcome(
  check: CheckName,
  e: Subject,
  passed: boolean,
  expected: string,
  actual: string,
  details: string[] = [],
): CheckOutcome {
  const severity: Severity = WARNING_CHECKS.has(check) ? "warning" : "error";
  return {
    check,
    severity,
    operation: e.operation,
    subject: e.subject,
    request: e.request,
    passed,
    expected,
    actual,
    details,
  };
}

function describeResponse(exchange: Exchange): string {
  const body = exchange.body as { code?: unknown; message?: unknown } | undefined;
  const twilio =
    body && typeof body === "object" && "message" in body
      ? ` (code ${String(body.code)}: ${String(body.message)})`
      : "";
  return `${exchange.status}${twilio}`;
}

const declaredStatuses = (e: Observed) => Object.keys(operations[e.operation].validators.responses);

// Several checks read the same validation of the same body: validate it once per exchange.
const validated = new WeakMap<Exchange, ValidationResult>();
function responseValidation(e: Observed): ValidationResult | undefined {
  if (e.exchange.unread || !declaredStatuses(e).includes(String(e.exchange.status))) return undefined;
  let result = validated.get(e.exchange);
  if (!result) {
    result = validateResponse(e.operation, e.exchange.status, e.exchange.body);
    validated.set(e.exchange, result);
  }
  return result;
}

export const acceptsValidRequest: Check = (e) => {
  // A stateful step's status is judged by its sequence's checks: the call's state decides it, not the request.
  if (!e.authenticated || e.testCase.expect !== "accept" || e.testCase.phase === "stateful") return undefined;
  const manifest = operations[e.testCase.operation];
  // An unknown call is a fine response to a valid request about one.
  const allowed = [...manifest.successStatuses, ...(manifest.pathParams.includes("Sid") ? [404] : [])];
  const passed = allowed.includes(e.exchange.status);
  return outcome("accepts-valid-request", e, passed, allowed.join(" or "), describeResponse(e.exchange));
};

export const rejectsInvalidRequest: Check = (e) => {
  if (!e.authenticated || e.testCase.expect !== "reject") return undefined;
  const breaks = e.testCase.breaks ? ` (breaks ${e.testCase.breaks.rule} on ${e.testCase.breaks.field})` : "";
  return outcome("rejects-invalid-request", e, e.exchange.status === 400, `400${breaks}`, describeResponse(e.exchange));
};

export const requiresAuth: Check = (e) => {
  if (e.authenticated) return undefined;
  return outcome("requires-auth", e, e.exchange.status === 401, "401", describeResponse(e.exchange));
};

export const statusDeclared: ObservedCheck = (e) => {
  const declared = declaredStatuses(e);
  const passed = declared.includes(String(e.exchange.status));
  return outcome("status-declared", e, passed, `one of ${declared.join(", ")}`, String(e.exchange.status));
};

export const responseSchema: ObservedCheck = (e) => {
  const expected = "a body that matches the schema declared for its status";
  if (e.exchange.unread)
    return outcome("response-schema", e, false, expected, `${e.exchange.status}, ${e.exchange.unread}`);
  const result = responseValidation(e);
  if (!result) return undefined;
  const count = result.violations.length;
  const actual = `${e.exchange.status} with ${result.valid ? "a conforming body" : `${count} violation(s)`}`;
  const details = result.violations.map(violationSentence);
  return outcome("response-schema", e, result.valid, expected, actual, details);
};

function warningCheck(check: CheckName, expected: string, pick: (rule: string) => boolean): ObservedCheck {
  return (e) => {
    const result = responseValidation(e);
    if (!result) return undefined;
    const warnings = result.warnings.filter((w) => pick(w.rule));
    const actual = `${e.exchange.status} with ${warnings.length === 0 ? "none" : `${warnings.length} warning(s)`}`;
    return outcome(check, e, warnings.length === 0, expected, actual, warnings.map(violationSentence));
  };
}

export const undocumentedField = warningCheck(
  "undocumented-field",
  "only keys the spec describes",
  (rule) => rule === "undocumented-field",
);

export const advisoryRules = warningCheck(
  "advisory-rules",
  "a body that also follows the advisory rules",
  (rule) => rule !== "undocumented-field",
);

// The operations that respond with one Call; listCalls responds with a page of them. The retired APIs and
// SMS/Messages respond with other resources, whose links and enums are not a Call's.
const ONE_CALL: ReadonlySet<OperationId> = new Set(["createCall", "fetchCall", "updateCall"]);

/** Every Call in a response of `operation`: the body itself, or each entry of a page's `calls`. */
export function callsIn(operation: OperationId, body: unknown): Array<Record<string, unknown>> {
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  if (operation === "listCalls")
    return Array.isArray(record.calls)
      ? record.calls.filter((c): c is Record<string, unknown> => c !== null && typeof c === "object")
      : [];
  return ONE_CALL.has(operation) ? [record] : [];
}

/** Where a Call's own links must point: at its account and SID (or, for account-level ones, its account). */
export const selfLinkProblems = (call: Record<string, unknown>): string[] => linkProblems(call, ".json");
/** The same of a Call read from the XML representation: its links carry no extension, its keys are elements. */
export const xmlSelfLinkProblems = (call: Record<string, unknown>): string[] => linkProblems(call, "");

function linkProblems(call: Record<string, unknown>, extension: ".json" | ""): string[] {
  const xml = extension === "";
  const [sid, account, uri, links] = xml
    ? [call.Sid, call.AccountSid, call.Uri, call.SubresourceUris]
    : [call.sid, call.account_sid, call.uri, call.subresource_uris];
  if (typeof sid !== "string" || typeof account !== "string") return [];
  const [uriName, linksName] = xml ? ["Uri", "SubresourceUris"] : ["uri", "subresource_uris"];
  const own = `/2010-04-01/Accounts/${account}/Calls/${sid}`;
  const problems: string[] = [];
  if (typeof uri === "string" && uri !== `${own}${extension}`)
    problems.push(`${uriName} is ${uri}, not ${own}${extension}`);
  if (links && typeof links === "object") {
    // An account-level link (`/Calls/FeedbackSummary.json`) names the account only.
    const accountPrefix = `/2010-04-01/Accounts/${account}/Calls/`;
    const name = xml ? /^[A-Za-z]+$/ : /^[A-Za-z]+\.json$/;
    for (const [key, link] of Object.entries(links)) {
      if (typeof link !== "string") continue;
      const accountLevel = link.startsWith(accountPrefix) && name.test(link.slice(accountPrefix.length));
      if (!link.startsWith(`${own}/`) && !accountLevel)
        problems.push(`${linksName}.${key} is ${link}, not under ${own}/`);
    }
  }
  return problems.map((p) => `${sid}: ${p}`);
}

/** The Calls of an XML response, as the validators read it: `<Call>`, or each `<Call>` of `<Calls>`. */
function xmlCallsIn(e: Observed): Array<Record<string, unknown>> {
  const read = responseValidation(e)?.value as { Call?: unknown; Calls?: { Call?: unknown } } | undefined;
  const found = [read?.Call, ...(Array.isArray(read?.Calls?.Call) ? read.Calls.Call : [])];
  return found.filter((c): c is Record<string, unknown> => c !== null && typeof c === "object");
}

export const selfLinks: ObservedCheck = (e) => {
  const represented = operations[e.operation].representationOf as OperationId | undefined;
  if (represented && e.exchange.status < 300) return selfLinkOutcome(e, xmlCallsIn(e), "");
  const calls = e.exchange.status < 300 ? callsIn(e.operation, e.exchange.body) : [];
  return selfLinkOutcome(e, calls, ".json");
};

function selfLinkOutcome(e: Observed, calls: Array<Record<string, unknown>>, extension: ".json" | "") {
  if (calls.length === 0) return undefined;
  const problems = calls.flatMap((call) => linkProblems(call, extension));
  const actual = problems.length === 0 ? "links to itself" : `${problems.length} link(s) elsewhere`;
  return outcome(
    "self-links",
    e,
    problems.length === 0,
    "links under the call's own account and SID",
    actual,
    problems,
  );
}

/** The checks that judge a server's response alone, in report order: what a recording can be held to. */
export const RESPONSE_CHECKS: ObservedCheck[] = [
  statusDeclared,
  responseSchema,
  selfLinks,
  undocumentedField,
  advisoryRules,
];

/** The errors and warnings a request drew (from the request validators, or a webhook's). */
export interface RequestVerdict {
  violations: Violation[];
  warnings: Violation[];
}

/** request-valid and request-advisory for a request that was observed rather than planned. */
export function requestOutcomes(subject: Subject, verdict: RequestVerdict): CheckOutcome[] {
  const { violations, warnings } = verdict;
  const count = (n: number, what: string) => (n === 0 ? "none" : `${n} ${what}(s)`);
  return [
    outcome(
      "request-valid",
      subject,
      violations.length === 0,
      "a request the spec allows",
      count(violations.length, "violation"),
      violations.map(violationSentence),
    ),
    outcome(
      "request-advisory",
      subject,
      warnings.length === 0,
      "a request that also follows the advisory rules",
      count(warnings.length, "warning"),
      warnings.map(violationSentence),
    ),
  ];
}

/** How a callback's X-Twilio-Signature compared with its URL and body when it arrived. */
export type SignatureVerdict = "valid" | "missing" | "mismatch";

export function callbackSignature(subject: Subject, verdict: SignatureVerdict): CheckOutcome {
  const actual =
    verdict === "valid"
      ? "a matching signature"
      : verdict === "missing"
        ? "no X-Twilio-Signature header"
        : "a signature that does not match (wrong auth token, a changed parameter, or a different URL)";
  return outcome("callback-signature", subject, verdict === "valid", "a signature made with the auth token", actual);
}

export function callbackSchema(subject: Subject, violations: Violation[]): CheckOutcome {
  const actual = violations.length === 0 ? "conforming fields" : `${violations.length} violation(s)`;
  const expected = "fields that match the webhook's schema";
  return outcome(
    "callback-schema",
    subject,
    violations.length === 0,
    expected,
    actual,
    violations.map(violationSentence),
  );
}

/** Every check, in the order outcomes are reported for one exchange. */
export const ALL_CHECKS: Check[] = [acceptsValidRequest, rejectsInvalidRequest, requiresAuth, ...RESPONSE_CHECKS];
