// The parameters of every request the simulator sends about a call: the standard voice request parameters
// (twilio.com/docs/api/twiml/twilio_request: CallSid, AccountSid, From, To, CallStatus, ApiVersion, Direction), a
// leg's ParentCallSid, and AnsweredBy when machine detection was asked for, as the spec's voiceRequest describes;
// and, for a call placed through the 2008-08-01 API, that API's own names (legacyVoiceRequest).
import type { CallStatus, SimCall } from "./ports.js";

export function voiceParams(call: SimCall, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CallSid: call.sid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    CallStatus: call.status,
    ApiVersion: "2010-04-01",
    Direction: call.direction,
    ...(call.parentCallSid === null ? {} : { ParentCallSid: call.parentCallSid }),
    ...(call.machineDetection && call.answeredBy ? { AnsweredBy: call.answeredBy } : {}),
    ...extra,
  };
}

// The 2008 API's CallStatus knew no queued, ringing or canceled: a call the request is made for is connected or over.
const LEGACY_STATUS: Partial<Record<CallStatus, string>> = { busy: "busy", failed: "failed", "no-answer": "no-answer" };

/**
 * The parameters of a request about a call placed through the 2008-08-01 API, as the spec's legacyVoiceRequest
 * describes them (twilio.com/docs/api/2008-08-01/twiml/twilio_request): CallSid, AccountSid, Caller, Called and
 * CallStatus as text.
 */
export function legacyVoiceParams(call: SimCall, extra: Record<string, string> = {}): Record<string, string> {
  const live = call.status === "in-progress" || call.status === "ringing" || call.status === "queued";
  return {
    CallSid: call.sid,
    AccountSid: call.accountSid,
    Caller: call.from,
    Called: call.to,
    CallStatus: live ? "in-progress" : (LEGACY_STATUS[call.status] ?? "completed"),
    ...extra,
  };
}
