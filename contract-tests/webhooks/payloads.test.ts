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

  it("reads numbers in a payload as numbers", () => {
    expect(validateWebhook("asyncAmdStatusCallback", valid.asyncAmdStatusCallback).value).toMatchObject({
      MachineDetectionDuration: 4210,
    });
  });
});
