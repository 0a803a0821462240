// The retired APIs, served by the front layer itself in every mode: the 2008-08-01 create in XML under a
// `<TwilioResponse>` root, and the SMS/Messages create. Prism cannot serve the first: it serialises an object
// under an `<xml>` root whatever the schema's `xml.name` says (docs/legacy.md; contract-tests/mock/legacy.test.ts
// shows it). The spec decides the rest: every response to an operation it marks deprecated carries a Deprecation
// header, and is XML, errors included, where it declares the operation's responses as XML. The stateful mock serves
// the 2008 create itself (it keeps the call and runs its Url), with the response written here.
import type { components } from "../../generated/calls.js";
import type { TwilioErrorBody } from "../client/types.js";
import { escapeXml, xmlSafe } from "../safe-text.js";
import { type OperationId, operations } from "../validation/index.js";
import { rfc2822 } from "./callbacks.js";
import { randomSid } from "./random-sid.js";
import type { AcceptedRequest, MockResponse, Responder } from "./responder.js";

type SmsMessage = components["schemas"]["SmsMessage"];

// RFC 9745's Deprecation header carries the date of the deprecation; no source gives one for either API, so the
// mock sends `true`, the earlier draft's form, which is also what Prism sends for a deprecated operation.
const DEPRECATION = { Deprecation: "true" };

// A value echoed from the request may hold characters XML 1.0 forbids; they are written out, not sent raw.
const element = (name: string, value: string | number | null) =>
  value === null || value === "" ? `<${name}/>` : `<${name}>${escapeXml(xmlSafe(String(value)))}</${name}>`;

// The 2008 API responded with the digits of a number, whatever separators the request had.
const digitsOf = (number: unknown) => String(number ?? "").replace(/[^0-9+]/g, "");

/** The 2008 create's `<TwilioResponse><Call>`, for a call of the given SID (a fresh one when the call is not kept). */
export function legacyCallResponse(request: AcceptedRequest, sid = randomSid("CA")): MockResponse {
  const form = request.form ?? {};
  const call = [
    element("Sid", sid),
    element("CallSegmentSid", null),
    element("AccountSid", request.params.AccountSid ?? ""),
    element("Called", digitsOf(form.Called)),
    element("Caller", digitsOf(form.Caller)),
    element("PhoneNumberSid", null),
    element("Status", 0),
    element("StartTime", null),
    element("EndTime", null),
    element("Price", null),
    // 2: placed through the REST API, by the Flags definition (Twilio's own examples show 1; see the spec).
    element("Flags", 2),
  ].join("");
  return {
    // The spec allows 200 and 201, as no source settles it; successStatus is the last, 201, as the 2010-04-01 API.
    status: operations.createLegacyCall.successStatus,
    headers: { "content-type": "application/xml", ...DEPRECATION },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<TwilioResponse><Call>${call}</Call></TwilioResponse>`,
  };
}

function smsMessage(request: AcceptedRequest): MockResponse {
  const form = request.form ?? {};
  const account = request.params.AccountSid ?? "";
  const sid = randomSid("SM");
  // RFC 2822 in UTC, as both retired APIs wrote dates (the 2008 one with a local offset; the mock keeps UTC).
  const now = rfc2822(Date.now());
  const message: SmsMessage = {
    sid,
    date_created: now,
    date_updated: now,
    date_sent: null,
    account_sid: account,
    // Checked against the spec's form before a responder sees them: text, all three.
    to: form.To as string,
    from: form.From as string,
    body: form.Body as string,
    status: "queued",
    direction: "outbound-api",
    price: null,
    price_unit: "USD",
    api_version: "2010-04-01",
    uri: `/2010-04-01/Accounts/${account}/SMS/Messages/${sid}.json`,
  };
  return {
    status: operations.createSmsMessage.successStatus,
    headers: { "content-type": "application/json", ...DEPRECATION },
    body: JSON.stringify(message),
  };
}

const RESPONDERS: Partial<Record<OperationId, (request: AcceptedRequest) => MockResponse>> = {
  createLegacyCall: (request) => legacyCallResponse(request),
  createSmsMessage: smsMessage,
};

/** The retired operations, to which the front layer responds itself, not Prism or the stateful store. */
export const LEGACY_OPERATIONS: ReadonlySet<OperationId> = new Set(Object.keys(RESPONDERS) as OperationId[]);

// Responders that serve some retired operations themselves: the stateful mock keeps the 2008 calls and runs them.
const SERVED_ELSEWHERE = new WeakMap<Responder, ReadonlySet<OperationId>>();

/** Marks a responder that serves these retired operations itself, so that the front layer hands them on. */
export function servingRetired(respond: Responder, operationIds: OperationId[]): Responder {
  SERVED_ELSEWHERE.set(respond, new Set(operationIds));
  return respond;
}

/** True when the front layer responds to the operation itself, not the responder. */
export function frontServes(respond: Responder, operationId: OperationId): boolean {
  return LEGACY_OPERATIONS.has(operationId) && !SERVED_ELSEWHERE.get(respond)?.has(operationId);
}

/** The success response of a retired operation. */
export function respondLegacy(request: AcceptedRequest): MockResponse {
  const respond = RESPONDERS[request.operationId];
  if (!respond) throw new Error(`${request.operationId} is not a retired operation the front layer responds to`);
  return respond(request);
}

/**
 * A response of the front layer (an error it found) as the retired operation would give it: the same error as a
 * `<RestException>` for the 2008 API, which knew no JSON errors, and a Deprecation header for both.
 */
export function legacyForm(operationId: OperationId | undefined, response: MockResponse): MockResponse {
  if (!operationId || !operations[operationId].deprecated) return response;
  const headers: Record<string, string> = { ...response.headers, ...DEPRECATION };
  // The 2008 API's own errors; the XML representation of a 2010-04-01 resource writes its own (xml-representation.ts).
  const api2008 = operations[operationId].xmlResponses && !operations[operationId].representationOf;
  if (!api2008 || !/json/.test(headers["content-type"] ?? "")) return { ...response, headers };
  const error = JSON.parse(response.body) as TwilioErrorBody;
  // Code and MoreInfo are filled on a 400, as the 2008 "Twilio Responses" page says; other errors carry neither.
  const detail = response.status === 400 ? element("Code", error.code) + element("MoreInfo", error.more_info) : "";
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<TwilioResponse><RestException>${element("Status", response.status)}${element("Message", error.message)}${detail}</RestException></TwilioResponse>`;
  return { ...response, headers: { ...headers, "content-type": "application/xml" }, body };
}
