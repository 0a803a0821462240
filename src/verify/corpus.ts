// Requests every conforming server must accept or reject, shared by `calls-contract verify` and the contract
// tests. Each rejected case names the one rule it breaks, as the validators name it; an accepted case that
// Twilio takes although it breaks an advisory rule names the warnings it draws.
import type { OperationId } from "../validation/index.js";

export type FormEntries = Array<[string, string]>;

export interface RequestCase {
  /** Reads as a test name after the operation: "createCall rejects Timeout 601". */
  name: string;
  operation: OperationId;
  expect: "accept" | "reject";
  body?: FormEntries;
  query?: FormEntries;
  /** Path parameters that replace the defaults (the caller's account and a well-formed call SID). */
  path?: { AccountSid?: string; Sid?: string };
  /** For a rejected case: the field and rule the spec's validators report. */
  breaks?: { field: string; rule: string };
  /** For an accepted case: the warnings the validators report (advisory rules it breaks); none when absent. */
  warns?: Array<{ field: string; rule: string }>;
  /** Why Prism 5.14 accepts this although the spec rejects it; the ajv verdict is the contract. */
  prismGap?: string;
  /** Which phase made the case: the fixed corpus (when absent) or a generated phase. */
  phase?: "coverage" | "fuzz" | "stateful";
  /** The bytes to send as they are, for generated cases (repeated keys, a raw `+`): used instead of query and body. */
  wire?: { query?: string; body?: string };
}

export const VALID_CALL_SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
const HEX32 = "0123456789abcdef0123456789abcdef";

/** Turns an object into ordered form entries; arrays become repeated keys, as Twilio expects. */
export function form(fields: Record<string, string | string[]>): FormEntries {
  return Object.entries(fields).flatMap(([key, value]) =>
    Array.isArray(value) ? value.map((v): [string, string] => [key, v]) : [[key, value] as [string, string]],
  );
}

const call = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };
const create = (extra: Record<string, string | string[]>) => form({ ...call, ...extra });
const without = (key: keyof typeof call, extra: Record<string, string> = {}) =>
  form({ ...Object.fromEntries(Object.entries(call).filter(([k]) => k !== key)), ...extra });

const legacyCall = { Caller: "2125550147", Called: "6465550183", Url: "https://example.com/legacy" };
const smsMessage = { To: "+13105550162", From: "+12125550198", Body: "Your table is ready." };

const REPEATED_KEY_GAP = "Prism checks only the last of repeated keys";
const UNKNOWN_FIELD_GAP = "Prism drops unknown form fields before validating";

function accepts(operation: OperationId, name: string, parts: Partial<RequestCase> = {}): RequestCase {
  return { name, operation, expect: "accept", ...parts };
}
function rejects(
  operation: OperationId,
  name: string,
  field: string,
  rule: string,
  parts: Partial<RequestCase> = {},
): RequestCase {
  return { name, operation, expect: "reject", breaks: { field, rule }, ...parts };
}

// Wrong-case values: the enums are case-sensitive, and a wrong case is the most common mistake.
const wrongCase: Array<[field: string, value: string]> = [
  ["Method", "post"],
  ["FallbackMethod", "get"],
  ["StatusCallbackMethod", "Post"],
  ["RecordingStatusCallbackMethod", "get"],
  ["AsyncAmdStatusCallbackMethod", "post"],
  ["RecordingChannels", "Dual"],
  ["RecordingTrack", "Both"],
  ["Trim", "Trim-Silence"],
  ["MachineDetection", "enable"],
  ["AsyncAmd", "True"],
];

export const requestCorpus: RequestCase[] = [
  accepts("createCall", "a phone call with a TwiML Url", { body: create({}) }),
  accepts("createCall", "a call to a Client identity from a phone number", { body: create({ To: "client:joey" }) }),
  accepts("createCall", "a call to a SIP address from a Client identity", {
    body: form({
      To: "sip:pat@example.com;transport=tls",
      From: "client:charlie",
      Twiml: "<Response><Say>hi</Say></Response>",
      SipAuthUsername: "pat",
      SipAuthPassword: "sip-secret-never-shown",
    }),
  }),
  accepts("createCall", "inline Twiml of exactly 4000 characters", {
    body: without("Url", { Twiml: `<Response><Say>${"a b+".repeat(992)}</Say></Response>` }),
  }),
  accepts("createCall", "an ApplicationSid instead of a Url", {
    body: without("Url", { ApplicationSid: `AP${HEX32}` }),
  }),
  accepts("createCall", "every progress event, one key each", {
    body: create({
      StatusCallback: "https://example.com/status",
      StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    }),
  }),
  accepts("createCall", "recording and answering machine options at their bounds", {
    body: create({
      Record: "true",
      RecordingChannels: "dual",
      RecordingTrack: "inbound",
      Trim: "do-not-trim",
      RecordingStatusCallbackEvent: ["in-progress", "completed", "absent"],
      MachineDetection: "DetectMessageEnd",
      MachineDetectionTimeout: "59",
      MachineDetectionSpeechThreshold: "6000",
      MachineDetectionSpeechEndThreshold: "500",
      MachineDetectionSilenceTimeout: "10000",
      AsyncAmd: "true",
      Timeout: "600",
      TimeLimit: "86400",
      SendDigits: "ww1234#*",
      Byoc: `BY${HEX32.toUpperCase()}`,
    }),
  }),
  // What Twilio's own docs samples and SDKs send (contract-tests/fixtures/twilio/ cites each source).
  accepts("createCall", "a SIP To with URI headers, called from a caller name", {
    body: form({
      Url: "http://www.example.com/sipdial.xml",
      To: "sip:kate@example.com?hatchkey=4815162342",
      From: "Jack",
    }),
  }),
  accepts("createCall", "SendDigits with a one-second pause and the letters A to D", {
    body: create({ SendDigits: "W1234#ABCD*w" }),
  }),
  accepts("createCall", "the RecordingConfigurationId and Passports of twilio-node 6.2.0", {
    body: create({
      RecordingConfigurationId: "RC0123456789abcdef0123456789abcdef",
      Passports: "eyJhbGciOi.eyJhdHRlc3Qi.c2lnbmF0dXJl",
    }),
  }),
  accepts("createCall", "phone numbers written with dashes, as Twilio normalizes them", {
    body: create({ To: "+1801-664-0964", From: "+1801-663-7825" }),
    warns: [
      { field: "To", rule: "e164" },
      { field: "From", rule: "e164" },
    ],
  }),
  // Twilio's docs sample for recording an outgoing call posts Record=True (twilio/sample-code,
  // create-record-outgoing-call.json.curl): Twilio reads a boolean in any case.
  accepts("createCall", "Record True, as Twilio's own docs sample sends it", {
    body: create({ Record: "True" }),
    warns: [{ field: "Record", rule: "lower-case-boolean" }],
  }),
  accepts("createCall", "several progress events in one space-separated value", {
    body: create({
      StatusCallback: "https://example.com/status",
      StatusCallbackEvent: "initiated ringing answered completed",
    }),
    warns: [{ field: "StatusCallbackEvent[0]", rule: "one-event-per-key" }],
  }),

  rejects("createCall", "a missing To", "To", "required", { body: without("To") }),
  rejects("createCall", "a missing From", "From", "required", { body: without("From") }),
  rejects("createCall", "none of Url, Twiml and ApplicationSid", "Url|Twiml|ApplicationSid", "anyOf", {
    body: without("Url"),
  }),
  rejects("createCall", "a phone To with a Client From", "From", "pattern", {
    body: create({ From: "client:charlie" }),
  }),
  rejects("createCall", "a phone To with a caller name as From", "From", "pattern", { body: create({ From: "Jack" }) }),
  rejects("createCall", "a To that is no address", "To", "anyOf", { body: create({ To: "3105555555" }) }),
  rejects("createCall", "Timeout 0", "Timeout", "minimum", { body: create({ Timeout: "0" }) }),
  rejects("createCall", "Timeout 601", "Timeout", "maximum", { body: create({ Timeout: "601" }) }),
  rejects("createCall", "Timeout abc", "Timeout", "type", { body: create({ Timeout: "abc" }) }),
  rejects("createCall", "SendDigits with letters", "SendDigits", "pattern", { body: create({ SendDigits: "12ab#" }) }),
  rejects("createCall", "SendDigits of 33 keys", "SendDigits", "maxLength", {
    body: create({ SendDigits: "1".repeat(33) }),
  }),
  rejects("createCall", "Twiml of 4001 characters", "Twiml", "maxLength", {
    body: without("Url", { Twiml: `<Response><Say>${"a".repeat(3969)}</Say></Response>` }),
  }),
  rejects("createCall", "Record 1", "Record", "anyOf", { body: create({ Record: "1" }) }),
  rejects("createCall", "a Url with the ftp scheme", "Url", "pattern", {
    body: create({ Url: "ftp://example.com/twiml" }),
  }),
  rejects("createCall", "the StatusCallbackEvent queued", "StatusCallbackEvent[0]", "pattern", {
    body: create({ StatusCallbackEvent: ["queued"] }),
  }),
  ...wrongCase.map(([field, value]) =>
    rejects("createCall", `${field} ${value} (wrong case)`, field, "enum", { body: create({ [field]: value }) }),
  ),
  rejects("createCall", "the StatusCallbackEvent Ringing (wrong case)", "StatusCallbackEvent[0]", "pattern", {
    body: create({ StatusCallbackEvent: ["Ringing"] }),
  }),
  rejects(
    "createCall",
    "the RecordingStatusCallbackEvent Completed (wrong case)",
    "RecordingStatusCallbackEvent[0]",
    "pattern",
    { body: create({ RecordingStatusCallbackEvent: ["Completed"] }) },
  ),
  rejects("createCall", "an ApplicationSid with the prefix PN", "ApplicationSid", "pattern", {
    body: without("Url", { ApplicationSid: `PN${HEX32}` }),
  }),
  rejects("createCall", "an ApplicationSid of 33 characters", "ApplicationSid", "minLength", {
    body: without("Url", { ApplicationSid: `AP${HEX32.slice(1)}` }),
  }),
  rejects("createCall", "a Byoc with the prefix TK", "Byoc", "pattern", { body: create({ Byoc: `TK${HEX32}` }) }),
  rejects("createCall", "a Byoc of 35 characters", "Byoc", "maxLength", { body: create({ Byoc: `BY${HEX32}0` }) }),
  rejects("createCall", "an unknown parameter StatusCallbackEvents", "StatusCallbackEvents", "additionalProperties", {
    body: create({ StatusCallbackEvents: "ringing" }),
    prismGap: UNKNOWN_FIELD_GAP,
  }),
  rejects("createCall", "a bad StatusCallbackEvent before a good one", "StatusCallbackEvent[0]", "pattern", {
    body: create({ StatusCallbackEvent: ["bogus", "ringing"] }),
    prismGap: REPEATED_KEY_GAP,
  }),
  rejects("createCall", "Timeout sent twice", "Timeout", "single-value", {
    body: create({ Timeout: ["abc", "30"] }),
    prismGap: REPEATED_KEY_GAP,
  }),
  rejects("createCall", "a malformed AccountSid in the path", "AccountSid", "pattern", {
    body: create({}),
    path: { AccountSid: "AC123" },
  }),

  accepts("listCalls", "no filters"),
  accepts("listCalls", "PageSize 1000 with a status and a date range", {
    query: form({ PageSize: "1000", Status: "no-answer", "StartTime>": "2026-01-01", "StartTime<": "2026-11-30" }),
  }),
  accepts("listCalls", "a ParentCallSid filter", { query: form({ ParentCallSid: VALID_CALL_SID }) }),
  rejects("listCalls", "PageSize 0", "PageSize", "minimum", { query: form({ PageSize: "0" }) }),
  rejects("listCalls", "PageSize 1001", "PageSize", "maximum", { query: form({ PageSize: "1001" }) }),
  rejects("listCalls", "the Status Completed (wrong case)", "Status", "enum", { query: form({ Status: "Completed" }) }),
  accepts("listCalls", "StartTime> as an ISO 8601 date-time, as twilio-node 6.2.0 sends a Date", {
    query: form({ "StartTime>": "2024-01-02T03:04:05Z" }),
  }),
  accepts("listCalls", "a StartTime in RFC 2822, which Twilio accepts but does not document", {
    query: form({ StartTime: "Tue, 24 Nov 2026" }),
    warns: [{ field: "StartTime", rule: "iso-date" }],
  }),
  rejects("listCalls", "a ParentCallSid with the prefix AC", "ParentCallSid", "pattern", {
    query: form({ ParentCallSid: `AC${HEX32}` }),
  }),
  accepts("listCalls", "an impossible StartTime< day, which Twilio accepts but does not document", {
    query: form({ "StartTime<": "2026-13-01" }),
    warns: [{ field: "StartTime<", rule: "iso-date" }],
  }),

  accepts("fetchCall", "a well-formed call SID"),
  rejects("fetchCall", "a Sid of 33 characters", "Sid", "minLength", { path: { Sid: VALID_CALL_SID.slice(0, 33) } }),
  rejects("fetchCall", "a Sid with the prefix AC", "Sid", "pattern", { path: { Sid: `AC${HEX32}` } }),

  accepts("updateCall", "Status completed", { body: form({ Status: "completed" }) }),
  accepts("updateCall", "Status canceled", { body: form({ Status: "canceled" }) }),
  accepts("updateCall", "a redirect to a new Url with GET", {
    body: form({ Url: "https://example.com/next", Method: "GET" }),
  }),
  rejects("updateCall", "the Status cancelled (British spelling)", "Status", "enum", {
    body: form({ Status: "cancelled" }),
  }),
  rejects("updateCall", "the Status in-progress", "Status", "enum", { body: form({ Status: "in-progress" }) }),
  rejects("updateCall", "TimeLimit 0", "TimeLimit", "minimum", { body: form({ TimeLimit: "0" }) }),

  accepts("deleteCall", "a well-formed call SID"),
  rejects("deleteCall", "a Sid with lower-case prefix ca", "Sid", "pattern", { path: { Sid: `ca${HEX32}` } }),

  // The XML representation of the same resources (their paths without `.json`): the same requests, each response
  // a <TwilioResponse> read by the spec's XML schemas. Twilio still serves it; a server that does not fails here.
  accepts("createCallXml", "a phone call with a TwiML Url", { body: create({}) }),
  rejects("createCallXml", "a missing To", "To", "required", { body: without("To") }),
  accepts("listCallsXml", "PageSize 2", { query: form({ PageSize: "2" }) }),
  rejects("listCallsXml", "PageSize 1001", "PageSize", "maximum", { query: form({ PageSize: "1001" }) }),
  accepts("fetchCallXml", "a well-formed call SID"),
  rejects("fetchCallXml", "a Sid with the prefix AC", "Sid", "pattern", { path: { Sid: `AC${HEX32}` } }),
  accepts("updateCallXml", "Status completed", { body: form({ Status: "completed" }) }),
  accepts("deleteCallXml", "a well-formed call SID"),

  // The retired APIs (tag legacy). A server that retired them responds 404 or 410: accepts-valid-request then fails,
  // which is the honest verdict for a server that claims this contract.
  accepts("createLegacyCall", "a 2008 create with the documented fields", {
    body: form({ ...legacyCall, Method: "GET", SendDigits: "1234#", IfMachine: "Hangup", Timeout: "999" }),
  }),
  accepts("createLegacyCall", "IfMachine in the lower case of Twilio's prose", {
    body: form({ ...legacyCall, IfMachine: "continue" }),
    warns: [{ field: "IfMachine", rule: "documented-case" }],
  }),
  rejects("createLegacyCall", "no Called", "Called", "required", {
    body: form({ Caller: legacyCall.Caller, Url: legacyCall.Url }),
  }),
  rejects("createLegacyCall", "Timeout 1000", "Timeout", "maximum", { body: form({ ...legacyCall, Timeout: "1000" }) }),
  rejects("createLegacyCall", "SendDigits with a letter", "SendDigits", "pattern", {
    body: form({ ...legacyCall, SendDigits: "12w4" }),
  }),
  rejects("createLegacyCall", "IfMachine Detect", "IfMachine", "enum", {
    body: form({ ...legacyCall, IfMachine: "Detect" }),
  }),
  accepts("createSmsMessage", "a text of 160 characters", { body: form({ ...smsMessage, Body: "x".repeat(160) }) }),
  accepts("createSmsMessage", "a To without the plus sign, which Twilio reads", {
    body: form({ ...smsMessage, To: "310-555-0162" }),
    warns: [{ field: "To", rule: "e164" }],
  }),
  rejects("createSmsMessage", "a text of 161 characters", "Body", "maxLength", {
    body: form({ ...smsMessage, Body: "x".repeat(161) }),
  }),
  rejects("createSmsMessage", "no From", "From", "required", {
    body: form({ To: smsMessage.To, Body: smsMessage.Body }),
  }),
  // Seed 004's curl example posts to SMS/Messages with no extension, and so is answered in XML.
  accepts("createSmsMessageXml", "seed 004's text, as its curl example sends it", {
    body: form({ To: "+14155551212", From: "+14158675309", Body: "Hello world" }),
  }),
  rejects("createSmsMessageXml", "a text of 161 characters", "Body", "maxLength", {
    body: form({ ...smsMessage, Body: "x".repeat(161) }),
  }),
];

/** Requests sent without credentials: every server must respond to them with 401. */
export const unauthenticatedCorpus: RequestCase[] = [
  { name: "without credentials", operation: "listCalls", expect: "reject" },
  { name: "without credentials", operation: "fetchCall", expect: "reject" },
  { name: "without credentials", operation: "createCall", expect: "reject", body: create({}) },
  { name: "without credentials", operation: "createLegacyCall", expect: "reject", body: form(legacyCall) },
  { name: "without credentials", operation: "listCallsXml", expect: "reject" },
];
