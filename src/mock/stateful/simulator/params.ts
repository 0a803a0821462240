// The parameters of every request the simulator sends about a call: the standard voice request parameters
// (twilio.com/docs/api/twiml/twilio_request: CallSid, AccountSid, From, To, CallStatus, ApiVersion, Direction), a
// leg's ParentCallSid, and AnsweredBy when machine detection was asked for, as the spec's voiceRequest describes.
import type { SimCall } from "./ports.js";

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
