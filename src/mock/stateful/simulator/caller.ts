// The person on the line, through the admin API: places an inbound call to one of the account's numbers, presses
// keys, speaks, hangs up. Keys and words go to the running verb (a <Gather>, a <Record>, a <Dial> with
// hangupOnStar), or are kept for the next <Gather> when no verb listens; each is an entry of the conversation.
import { isLoopbackUrl } from "../../../loopback.js";
import type { AccountRegistry, NumberConfig } from "./accounts.js";
import { newSession, quoted, type Session } from "./context.js";
import type { Conversations } from "./conversation.js";
import { MAX_TYPED_AHEAD, REQUEST_METHOD } from "./defaults.js";
import type { Engine } from "./engine.js";
import { isRefusal, type Refusal, type SimCall } from "./ports.js";

export interface CallerParts {
  engine: Engine;
  accounts: AccountRegistry;
  conversations: Conversations;
}

type OnLine = { call: SimCall; session: Session | undefined } | Refusal;

/** The call the caller is on, which must be in progress, and its session (undefined for a call not simulated). */
function onLine({ engine }: CallerParts, accountSid: string, sid: string): OnLine {
  const call = engine.ctx.calls.get(accountSid, sid);
  if (!call) return { status: 404, code: 20404, message: `no call ${sid} on account ${accountSid}` };
  if (call.status !== "in-progress") {
    return { status: 409, code: 20409, message: `the call is ${call.status}; the caller acts on a call in progress` };
  }
  return { call, session: engine.sessions.get(sid) };
}

/** The call's session, or why the caller's keys and words have nowhere to go. */
function running(line: OnLine): Session | Refusal {
  if (isRefusal(line)) return line;
  if (line.session) return line.session;
  const message = "the simulator runs no TwiML for this call (its instructions are off this machine)";
  return { status: 409, code: 20409, message };
}

/** Keys no verb listened for wait for the next <Gather>, up to a bound. */
function keep({ conversations }: CallerParts, session: Session, keys: string): void {
  const kept = keys.slice(0, Math.max(0, MAX_TYPED_AHEAD - session.typed.length));
  session.typed += kept;
  const text =
    kept === keys
      ? `the keys ${quoted(keys)} wait for the next <Gather>`
      : `only ${MAX_TYPED_AHEAD} keys wait for the next <Gather>`;
  conversations.add(session.call, { side: "mock", kind: "input", digits: kept, text });
}

function press(parts: CallerParts, accountSid: string, sid: string, digits: string): Refusal | undefined {
  const session = running(onLine(parts, accountSid, sid));
  if (isRefusal(session)) return session;
  parts.conversations.add(session.call, { side: "caller", kind: "input", digits, text: `presses ${digits}` });
  let unheard = "";
  for (const key of digits) {
    if (session.ended) break;
    if (session.verb?.key) session.verb.key(key);
    else unheard += key;
  }
  if (unheard !== "" && !session.ended) keep(parts, session, unheard);
  return undefined;
}

function speak(parts: CallerParts, accountSid: string, sid: string, text: string, confidence: number) {
  const session = running(onLine(parts, accountSid, sid));
  if (isRefusal(session)) return session;
  const { conversations } = parts;
  conversations.add(session.call, {
    side: "caller",
    kind: "input",
    speech: text,
    confidence,
    text: `says ${quoted(text)}`,
  });
  if (session.verb?.speech) {
    session.verb.speech(text, confidence);
  } else {
    session.said = { text, confidence };
    conversations.add(session.call, {
      side: "mock",
      kind: "input",
      speech: text,
      text: "the words wait for the next <Gather>",
    });
  }
  return undefined;
}

function hangUp(parts: CallerParts, accountSid: string, sid: string): Refusal | undefined {
  const line = onLine(parts, accountSid, sid);
  if (isRefusal(line)) return line;
  parts.conversations.add(line.call, { side: "caller", kind: "input", text: "hangs up" });
  parts.engine.ctx.calls.finish(line.call, "completed", "the far end hung up");
  return undefined;
}

/** Why an inbound call to the number cannot be placed, if it cannot. */
function unplaceable(parts: CallerParts, accountSid: string, to: string, number: NumberConfig | undefined) {
  if (!number) {
    const message = `no number ${to} on account ${accountSid}; PUT /accounts/${accountSid}/numbers/${encodeURIComponent(to)} first`;
    return { status: 404, code: 20404, message };
  }
  if (!number.voiceUrl) return { status: 409, code: 20409, message: `${to} has no voiceUrl` };
  if (parts.accounts.tokenFor(accountSid) !== undefined) return undefined;
  const message = `no auth token to sign the account's requests with: PUT /accounts/${accountSid} { authToken } first, or send a Calls API request with its credentials`;
  return { status: 409, code: 20409, message };
}

/** Calls one of the account's numbers: it rings, and its voiceUrl is requested (on this machine only). */
function placeInbound(parts: CallerParts, accountSid: string, fields: { from: string; to: string }) {
  const { engine } = parts;
  const number = parts.accounts.number(accountSid, fields.to);
  const refusal = unplaceable(parts, accountSid, fields.to, number);
  if (refusal || !number?.voiceUrl) return refusal as Refusal;
  const voiceUrl = number.voiceUrl;
  const simulated = isLoopbackUrl(voiceUrl);
  const call = engine.ctx.calls.createInbound(accountSid, fields, (created) => {
    created.simulated = simulated;
    if (!number.statusCallback) return;
    const method = number.statusCallbackMethod ?? REQUEST_METHOD;
    engine.ctx.planCallbacks(created, { StatusCallback: number.statusCallback, StatusCallbackMethod: method });
  });
  if (isRefusal(call)) return call;
  if (!simulated) {
    const text =
      "does not request the number's voiceUrl: only URLs on this machine are; the call is answered and follows its scenario";
    parts.conversations.add(call, { side: "mock", kind: "request", purpose: "voice-url", text });
    engine.ctx.calls.answer(call);
    return call;
  }
  const target = { url: voiceUrl, method: number.voiceMethod ?? REQUEST_METHOD };
  const fallback = number.voiceFallbackUrl ? { url: number.voiceFallbackUrl, method: REQUEST_METHOD } : undefined;
  const session = newSession(call, { target, purpose: "voice-url" }, fallback);
  engine.sessions.set(call.sid, session);
  engine.start(session);
  return call;
}

export function createCaller(parts: CallerParts) {
  return {
    placeInbound: (accountSid: string, fields: { from: string; to: string }): SimCall | Refusal =>
      placeInbound(parts, accountSid, fields),
    press: (accountSid: string, sid: string, digits: string) => press(parts, accountSid, sid, digits),
    speak: (accountSid: string, sid: string, text: string, confidence: number) =>
      speak(parts, accountSid, sid, text, confidence),
    hangUp: (accountSid: string, sid: string) => hangUp(parts, accountSid, sid),
  };
}
