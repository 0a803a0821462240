// The catalogue of named checks `calls-contract verify-app` runs on every exchange with an app, one function each,
// as verify's are. A check returns its outcome, or undefined where it does not apply to the exchange. A failed check
// is an error (Twilio would fail the call, or anyone could drive the app) or a warning (the call goes on, slowly or
// with TwiML that is surely a mistake).
import { readTwimlTree } from "../twiml/tree.js";
import type { CheckOutcome } from "../verify/checks.js";
import { mediaTypeOf, NOT_TWIML } from "../webhook-delivery.js";
import { type AppExchange, twimlKindOf } from "./send.js";
import type { AppWebhook } from "./spec-webhooks.js";

export const APP_CHECKS = {
  responds:
    "the plain request (the spec's example) gets a 2xx within Twilio's time limit; slower than a few seconds is a warning",
  "twiml-valid":
    "the voice URL responds with text/xml, application/xml or text/html holding voice TwiML that validateTwiml accepts, and the SMS URL with messaging TwiML; its warnings are warnings, as is text/plain (which Twilio says and then hangs up, or texts back as the reply) or audio to a call (played, then hung up); audio to a text is error 12300",
  "signature-enforced":
    "a request with no X-Twilio-Signature, a wrong one, one made for another URL, or a tampered body gets 401 or 403 and no TwiML that does anything",
  "tolerates-new-fields":
    "a request with fields the spec does not name (Twilio adds fields over time), or without an optional field, is responded to as the plain request was",
  "every-status-handled":
    "each value of the spec's enum fields (CallStatus, Direction, AnsweredBy, RecordingStatus, ...), SIP and Client addresses as From and To, and GET where the method is configurable, are responded to as the plain request was",
  "follows-actions":
    "each action URL of the app's Gather, Record and Dial, requested with each digit, no input, each DialCallStatus, gets valid TwiML in time, to a depth limit",
} as const;
export type AppCheckName = keyof typeof APP_CHECKS;

/** One check of one exchange: verify's outcome with verify-app's check names, so that verify's reports render it. */
export interface AppOutcome extends CheckOutcome<AppCheckName> {
  operation: AppWebhook;
}

export interface CheckContext {
  /** Twilio's time limit for one response. */
  timeoutMs: number;
  /** Past this a response is slow: a warning. */
  slowMs: number;
}

export type AppCheck = (exchange: AppExchange, context: CheckContext) => AppOutcome | undefined;

interface Findings {
  errors: string[];
  warnings: string[];
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

function described(e: AppExchange): string {
  if (e.failure !== undefined) return `no response (${e.failure})`;
  const type = e.contentType ? `, ${e.contentType}` : "";
  return `${e.status}${type} in ${Math.round(e.elapsedMs)} ms`;
}

/** A response at all, a 2xx, and in time. */
function responseFindings(e: AppExchange, context: CheckContext): Findings {
  if (e.failure !== undefined) return { errors: [`no response (${e.failure})`], warnings: [] };
  const errors = isSuccess(e.status) ? [] : [`status ${e.status}: Twilio treats any other than 2xx as a failure`];
  const warnings =
    e.elapsedMs > context.slowMs
      ? [`took ${seconds(e.elapsedMs)}, more than ${seconds(context.slowMs)}: the caller hears silence meanwhile`]
      : [];
  return { errors, warnings };
}

/** What Twilio does with a response to a text that is not TwiML (twilio.com/docs/api/twiml/sms/your_response). */
function notMessagingTwiml(e: AppExchange, use: "say" | "play"): Findings {
  const media = mediaTypeOf(e.contentType);
  if (use === "say") return { errors: [], warnings: [`${media}: Twilio texts it back to the sender as the reply`] };
  return {
    errors: [`error 12300: ${media} is not read in response to a text, only TwiML or text/plain`],
    warnings: [],
  };
}

/**
 * What Twilio would make of the response, by the rule the simulator keeps (requestTwiml): its error code (12300 for a
 * type it does not read, 11200 for more than it reads), a warning for text it says (or texts back) or audio it plays
 * before it hangs up, and for a document validateTwiml's findings, as the TwiML the request asks for.
 */
function twimlFindings(e: AppExchange): Findings {
  const { fetched } = e;
  if (!isSuccess(e.status) || !fetched) return { errors: [], warnings: [] };
  if (!fetched.ok) return { errors: [`error ${fetched.code}: ${fetched.reason}`], warnings: [] };
  if (fetched.use !== "twiml" && twimlKindOf(e.request) === "messaging") return notMessagingTwiml(e, fetched.use);
  if (fetched.use !== "twiml")
    return { errors: [], warnings: [`${mediaTypeOf(e.contentType)}: ${NOT_TWIML[fetched.use]}`] };
  return {
    errors: (e.twiml?.violations ?? []).map((v) => v.message),
    warnings: (e.twiml?.warnings ?? []).map((v) => v.message),
  };
}

function outcome(check: AppCheckName, e: AppExchange, expected: string, findings: Findings): AppOutcome {
  const { errors, warnings } = findings;
  const passed = errors.length === 0 && warnings.length === 0;
  return {
    check,
    severity: errors.length === 0 && warnings.length > 0 ? "warning" : "error",
    operation: e.request.webhook,
    subject: e.request.subject,
    request: e.line,
    passed,
    expected,
    actual: described(e),
    details: [...errors, ...warnings],
  };
}

const merged = (...all: Findings[]): Findings => ({
  errors: all.flatMap((f) => f.errors),
  warnings: all.flatMap((f) => f.warnings),
});

export const responds: AppCheck = (e, context) => {
  if (e.request.kind !== "plain") return undefined;
  const expected = `a 2xx within ${seconds(context.timeoutMs)}`;
  return outcome("responds", e, expected, responseFindings(e, context));
};

export const twimlValid: AppCheck = (e) => {
  const kind = twimlKindOf(e.request);
  if (e.request.kind !== "plain" || !kind || !isSuccess(e.status)) return undefined;
  return outcome("twiml-valid", e, `text/xml, application/xml or text/html with valid ${kind} TwiML`, twimlFindings(e));
};

/** Whether a document would make Twilio do anything: a `<Response>` holding at least one verb. */
function doesSomething(xml: string): boolean {
  const root = readTwimlTree(xml);
  return root?.tag === "Response" && root.children.length > 0;
}

export const signatureEnforced: AppCheck = (e) => {
  if (e.request.kind !== "forged") return undefined;
  const refused = e.status === 401 || e.status === 403;
  const errors =
    e.failure !== undefined
      ? [`no response (${e.failure})`]
      : !refused
        ? [`status ${e.status}: the app took a request Twilio did not sign (${e.request.subject})`]
        : doesSomething(e.body)
          ? ["the refusal carries TwiML with verbs in it"]
          : [];
  return outcome("signature-enforced", e, "401 or 403, and no TwiML that does anything", { errors, warnings: [] });
};

/** A variant is responded to as the plain request was: in time, with a 2xx, and for TwiML a document Twilio runs. */
function variantFindings(e: AppExchange, context: CheckContext): Findings {
  const response = responseFindings(e, context);
  const twiml = twimlKindOf(e.request) ? twimlFindings(e) : { errors: [], warnings: [] };
  // The document's warnings are twiml-valid's and follows-actions' business; here only what fails the call counts.
  return { errors: [...response.errors, ...twiml.errors], warnings: response.warnings };
}

const asPlain = (e: AppExchange) =>
  `responded to as the plain request was: a 2xx${twimlKindOf(e.request) ? " with valid TwiML" : ""}`;

export const toleratesNewFields: AppCheck = (e, context) => {
  if (e.request.kind !== "unknown-field" && e.request.kind !== "optional-absent") return undefined;
  return outcome("tolerates-new-fields", e, asPlain(e), variantFindings(e, context));
};

export const everyStatusHandled: AppCheck = (e, context) => {
  if (!["enum", "address", "method"].includes(e.request.kind)) return undefined;
  return outcome("every-status-handled", e, asPlain(e), variantFindings(e, context));
};

export const followsActions: AppCheck = (e, context) => {
  if (e.request.kind !== "action") return undefined;
  const findings = merged(responseFindings(e, context), twimlFindings(e));
  return outcome("follows-actions", e, "a 2xx within the time limit, with valid TwiML", findings);
};

export const ALL_APP_CHECKS: AppCheck[] = [
  responds,
  twimlValid,
  signatureEnforced,
  toleratesNewFields,
  everyStatusHandled,
  followsActions,
];
