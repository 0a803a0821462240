// The requests Twilio sends to an application, as ok/fail pairs against their schemas.
import { describe, expect, it } from "vitest";
import { validateWebhook, type WebhookId } from "../../src/index.js";

const call = {
  CallSid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  From: "+12125551234",
  To: "+13105555555",
  CallStatus: "ringing",
  ApiVersion: "2010-04-01",
  Direction: "outbound-api",
};
const valid: Record<WebhookId, Record<string, string>> = {
  statusCallback: {
    ...call,
    CallbackSource: "call-progress-events",
    SequenceNumber: "1",
    Timestamp: "Tue, 24 Nov 2026 17:40:04 +0000",
    SipResponseCode: "180",
  },
  recordingStatusCallback: {
    AccountSid: call.AccountSid,
    CallSid: call.CallSid,
    RecordingSid: "RE0123456789abcdef0123456789abcdef",
    RecordingUrl:
      "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef",
    RecordingStatus: "completed",
    RecordingDuration: "12",
    RecordingChannels: "2",
    RecordingSource: "OutboundAPI",
    RecordingStartTime: "Tue, 24 Nov 2026 17:40:05 +0000",
    RecordingTrack: "both",
    ErrorCode: "0",
  },
  asyncAmdStatusCallback: {
    AccountSid: call.AccountSid,
    CallSid: call.CallSid,
    AnsweredBy: "machine_end_beep",
    MachineDetectionDuration: "4210",
  },
  voiceRequest: { ...call, CallStatus: "in-progress", AnsweredBy: "human", Called: "+13105555555" },
  legacyVoiceRequest: {
    CallSid: call.CallSid,
    AccountSid: call.AccountSid,
    Caller: "2125550147",
    Called: "6465550183",
    CallStatus: "in-progress",
    DialStatus: "hangup-machine",
    CallerCity: "NEW YORK",
  },
  smsRequest: {
    SmsSid: "SM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98",
    AccountSid: call.AccountSid,
    From: "+14158675309",
    To: "+14155551212",
    Body: "Hello world",
    ToCity: "SAN FRANCISCO",
  },
  smsStatusCallback: { SmsSid: "SM7f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99", SmsStatus: "failed" },
};

const broken: Array<[WebhookId, string, Record<string, string | undefined>, string, string]> = [
  ["statusCallback", "a CallStatus outside the enum", { CallStatus: "answered" }, "CallStatus", "enum"],
  ["statusCallback", "a negative SequenceNumber", { SequenceNumber: "-1" }, "SequenceNumber", "minimum"],
  ["statusCallback", "an RFC 3339 Timestamp", { Timestamp: "2026-11-24T17:40:04Z" }, "Timestamp", "pattern"],
  ["statusCallback", "no CallSid", { CallSid: undefined }, "CallSid", "required"],
  ["statusCallback", "a SipResponseCode of 7", { SipResponseCode: "7" }, "SipResponseCode", "minimum"],
  ["recordingStatusCallback", "the RecordingStatus done", { RecordingStatus: "done" }, "RecordingStatus", "enum"],
  [
    "recordingStatusCallback",
    "a RecordingSid with the prefix CA",
    { RecordingSid: call.CallSid },
    "RecordingSid",
    "pattern",
  ],
  ["recordingStatusCallback", "three RecordingChannels", { RecordingChannels: "3" }, "RecordingChannels", "enum"],
  ["asyncAmdStatusCallback", "AnsweredBy machine", { AnsweredBy: "machine" }, "AnsweredBy", "enum"],
  [
    "asyncAmdStatusCallback",
    "no MachineDetectionDuration",
    { MachineDetectionDuration: undefined },
    "MachineDetectionDuration",
    "required",
  ],
  ["voiceRequest", "a Direction outbound", { Direction: "outbound" }, "Direction", "enum"],
  [
    "legacyVoiceRequest",
    "the seed's misspelt DialStatus anwered-human",
    { DialStatus: "anwered-human" },
    "DialStatus",
    "enum",
  ],
  ["legacyVoiceRequest", "a CallStatus ringing (not sent in 2008)", { CallStatus: "ringing" }, "CallStatus", "enum"],
  ["legacyVoiceRequest", "no Called", { Called: undefined }, "Called", "required"],
  ["smsRequest", "no Body", { Body: undefined }, "Body", "required"],
  ["smsRequest", "an SmsSid with the prefix MM", { SmsSid: "MM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98" }, "SmsSid", "pattern"],
  [
    "smsStatusCallback",
    "the SmsStatus delivered (not sent in this era)",
    { SmsStatus: "delivered" },
    "SmsStatus",
    "enum",
  ],
  ["smsStatusCallback", "no SmsSid", { SmsSid: undefined }, "SmsSid", "required"],
  ["statusCallback", "AnsweredBy banana", { AnsweredBy: "banana" }, "AnsweredBy", "enum"],
  ["statusCallback", "a Duration of abc", { Duration: "abc" }, "Duration", "type"],
  [
    "statusCallback",
    "a MachineDetectionDuration of abc",
    { MachineDetectionDuration: "abc" },
    "MachineDetectionDuration",
    "type",
  ],
  [
    "recordingStatusCallback",
    "neither a CallSid nor a ConferenceSid",
    { CallSid: undefined },
    "CallSid|ConferenceSid",
    "anyOf",
  ],
  [
    "recordingStatusCallback",
    "a ConferenceSid with the prefix CA",
    { ConferenceSid: call.CallSid },
    "ConferenceSid",
    "pattern",
  ],
];

// Variants Twilio documents or was seen sending, each with its source.
const variants: Array<[WebhookId, string, Record<string, string | undefined>]> = [
  // support.twilio.com article 360014251313: failed, when Voice Recording Encryption cannot encrypt.
  ["recordingStatusCallback", "RecordingStatus failed", { RecordingStatus: "failed", ErrorCode: "16104" }],
  // wittyreference/twilio-claude-plugin@719dff3e, skills/recordings/references/test-results.md (2026-03-24).
  [
    "recordingStatusCallback",
    "RecordingSource StartCallRecordingTwiML",
    { RecordingSource: "StartCallRecordingTwiML" },
  ],
  // A conference's recording names the conference, not a call.
  [
    "recordingStatusCallback",
    "a conference recording with ConferenceSid and no CallSid",
    { CallSid: undefined, ConferenceSid: "CF0123456789abcdef0123456789abcdef", RecordingSource: "Conference" },
  ],
  // Captured status callbacks of calls with answering machine detection carry these beside CallDuration.
  [
    "statusCallback",
    "the completed event of a call with answering machine detection",
    {
      CallStatus: "completed",
      CallDuration: "49",
      Duration: "1",
      AnsweredBy: "human",
      MachineDetectionDuration: "2130",
      Called: "+13105555555",
      Caller: "+12125551234",
    },
  ],
];

describe("webhook payloads", () => {
  it.each(Object.entries(valid))("%s accepts a complete payload, extra Twilio fields included", (kind, payload) => {
    expect(validateWebhook(kind as WebhookId, new URLSearchParams(payload).toString()).violations).toEqual([]);
  });

  it.each(broken)("%s rejects %s", (kind, _, change, field, rule) => {
    const payload = Object.fromEntries(
      Object.entries({ ...valid[kind], ...change }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const violations = validateWebhook(kind, new URLSearchParams(payload)).violations.map((v) => ({
      field: v.field,
      rule: v.rule,
    }));
    expect(violations).toEqual([{ field, rule }]);
  });

  it.each(variants)("%s accepts %s", (kind, _, change) => {
    const payload = Object.fromEntries(
      Object.entries({ ...valid[kind], ...change }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const result = validateWebhook(kind, new URLSearchParams(payload));
    expect([...result.violations, ...result.warnings].map((v) => v.message)).toEqual([]);
  });

  it("reads numbers in a payload as numbers", () => {
    expect(validateWebhook("asyncAmdStatusCallback", valid.asyncAmdStatusCallback).value).toMatchObject({
      MachineDetectionDuration: 4210,
    });
  });
});
