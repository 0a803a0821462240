// Seed 003's flow: a call placed through the 2008-08-01 API requests its Url once it connects, with that API's
// fields and DialStatus (twilio.com/docs/api/2008-08-01/rest/making-calls). DialStatus follows IfMachine and who
// answered: `answered` without IfMachine; `answered-human` for a person; with a machine, `answered-machine` under
// Continue (the flow goes on, onto the voicemail), and `hangup-machine` under Hangup, where Twilio hangs up first
// and then notifies the Url, whose TwiML is ignored. SendDigits is recorded in the conversation once the call
// connects (the digits go to the far end; nothing hears them here).
import type { LegacyCall, Session, SimContext, Target } from "./context.js";
import { legacyVoiceParams } from "./params.js";
import type { SimCall } from "./ports.js";

export type LegacyDialStatus = "answered" | "answered-human" | "answered-machine" | "hangup-machine";

/** Who answered, as the 2008 API told it apart: a machine (or a fax) or not. */
const isMachine = (call: SimCall) => /^(machine|fax)/.test(call.answeredBy ?? "");

export function legacyDialStatus(legacy: LegacyCall, call: SimCall): LegacyDialStatus {
  if (legacy.ifMachine === undefined) return "answered";
  if (!isMachine(call)) return "answered-human";
  return legacy.ifMachine === "Hangup" ? "hangup-machine" : "answered-machine";
}

/** What a 2008 create's form asks beyond its Url. */
export function legacyCallOf(form: Record<string, unknown>): LegacyCall {
  const ifMachine = form.IfMachine;
  // The spec reads IfMachine in any case (a documented-case warning); the 2008 API named two values.
  const named = typeof ifMachine === "string" ? ifMachine.toLowerCase() : undefined;
  return {
    ifMachine: named === "continue" ? "Continue" : named === "hangup" ? "Hangup" : undefined,
    sendDigits: typeof form.SendDigits === "string" && form.SendDigits !== "" ? form.SendDigits : undefined,
  };
}

/**
 * The call connected: SendDigits is recorded, then its Url is requested with DialStatus, or, for a machine under
 * IfMachine=Hangup, the call hangs up and the Url is only told.
 */
export function startLegacyCall(
  ctx: SimContext,
  session: Session,
  legacy: LegacyCall,
  target: Target,
  follow: (dialStatus: LegacyDialStatus) => void,
): LegacyDialStatus {
  const { call } = session;
  const dialStatus = legacyDialStatus(legacy, call);
  if (legacy.sendDigits !== undefined) {
    const text = `sends the digits ${JSON.stringify(legacy.sendDigits)} to the called party (SendDigits)`;
    ctx.note(call, { side: "mock", kind: "input", digits: legacy.sendDigits, text });
  }
  if (dialStatus !== "hangup-machine") {
    follow(dialStatus);
    return dialStatus;
  }
  ctx.note(call, { side: "mock", kind: "verb", text: "a machine answered and IfMachine is Hangup: the call hangs up" });
  session.ended = true;
  ctx.hangUp(session, "IfMachine=Hangup: a machine answered");
  ctx.tell(session, target, "voice-url", legacyVoiceParams(call, { DialStatus: dialStatus }));
  return dialStatus;
}
