// <Record> (twilio.com/docs/voice/twiml/record): a beep (playBeep), then the recording, ended by a key of
// finishOnKey (any key by default), by `timeout` seconds of silence, at maxLength, or by the caller hanging up. The
// caller's words (the admin API's speech) are its sound, each lasting as long as it takes to say; silence is trimmed
// unless trim="do-not-trim". A recording with sound requests the action with RecordingUrl, RecordingSid,
// RecordingDuration and Digits (the key, or `hangup`), and verbs after it never run; an empty one runs the next verb
// and requests no action. Its recordingStatusCallback gets the events asked for (completed by default; absent for an
// empty one), as the spec's recordingStatusCallback describes them.

import type { TwimlNode } from "../../../twiml/tree.js";
import { rfc2822 } from "../../callbacks.js";
import { type Session, type SimContext, type VerbHandler, verbEntry } from "./context.js";
import { RECORD, speakingMs } from "./defaults.js";
import { wholeNumber } from "./document.js";
import { voiceParams } from "./params.js";

interface RecordOptions {
  timeoutMs: number;
  maxMs: number;
  finishOnKey: string;
  trim: boolean;
  action: string | undefined;
  method: string;
  callback: { url: string; method: string; events: string[] } | undefined;
}

interface Take {
  startedAt: number;
  /** When the caller's last words end; undefined while there were none. */
  soundEndsAt: number | undefined;
  done: boolean;
}

function optionsOf(ctx: SimContext, session: Session, node: TwimlNode): RecordOptions {
  const { attributes } = node;
  const callbackUrl = attributes.recordingStatusCallback && ctx.resolve(session, attributes.recordingStatusCallback);
  return {
    timeoutMs: wholeNumber(node, "timeout", RECORD.timeoutSeconds) * 1000,
    maxMs: wholeNumber(node, "maxLength", RECORD.maxLengthSeconds) * 1000,
    finishOnKey: attributes.finishOnKey ?? RECORD.finishOnKey,
    trim: (attributes.trim ?? RECORD.trim) === RECORD.trim,
    // Without an action Twilio requests the document's own URL again.
    action: attributes.action === undefined ? session.document?.url : ctx.resolve(session, attributes.action),
    method: attributes.method ?? RECORD.method,
    callback: callbackUrl
      ? {
          url: callbackUrl,
          method: attributes.recordingStatusCallbackMethod ?? RECORD.method,
          events: (attributes.recordingStatusCallbackEvent ?? RECORD.events).split(" "),
        }
      : undefined,
  };
}

/** The recording status callback, for an event the <Record> asked for. */
function tellStatus(ctx: SimContext, session: Session, o: RecordOptions, fields: Record<string, string>): void {
  if (!o.callback?.events.includes(fields.RecordingStatus ?? "")) return;
  const { call } = session;
  const params = { AccountSid: call.accountSid, CallSid: call.sid, ...fields };
  const { url, method } = o.callback;
  ctx.tell(session, { url, method }, "recording-status", params);
}

function finish(ctx: SimContext, session: Session, node: TwimlNode, o: RecordOptions, take: Take, digits?: string) {
  if (take.done) return;
  take.done = true;
  const now = ctx.clock.now();
  const end = o.trim ? Math.min(take.soundEndsAt ?? take.startedAt, now) : now;
  const seconds = Math.round((end - take.startedAt) / 1000);
  const sid = ctx.newSid("RE", session);
  const url = `https://api.twilio.com/2010-04-01/Accounts/${session.call.accountSid}/Recordings/${sid}`;
  const recording = { RecordingSid: sid, RecordingUrl: url, RecordingDuration: String(seconds) };
  const common = { ...recording, RecordingChannels: "1", RecordingSource: "RecordVerb" };
  const started = { RecordingStartTime: rfc2822(take.startedAt) };
  if (take.soundEndsAt === undefined || seconds < 1) {
    // Empty: no action, the next verb (error 16102 silent, 16101 too short: Twilio support article 360014251313).
    const code = take.soundEndsAt === undefined ? "16102" : "16101";
    tellStatus(ctx, session, o, { ...common, ...started, RecordingStatus: "absent", ErrorCode: code });
    ctx.note(session.call, { ...verbEntry(node, "recorded nothing: the next verb runs"), kind: "recording" });
    if (digits !== "hangup") ctx.next(session);
    return;
  }
  tellStatus(ctx, session, o, { ...common, ...started, RecordingStatus: "completed", ErrorCode: "0" });
  const text = `recorded ${seconds} s as ${sid}${digits ? ` (ended by ${digits})` : ""}`;
  ctx.note(session.call, { ...verbEntry(node, text, seconds * 1000), kind: "recording" });
  const params = { ...recording, ...(digits ? { Digits: digits } : {}) };
  if (o.action === undefined) {
    if (digits !== "hangup") ctx.next(session);
  } else if (digits === "hangup") {
    // The caller hung up: Twilio still requests the action, and runs nothing it returns.
    ctx.tell(session, { url: o.action, method: o.method }, "action", voiceParams(session.call, params));
  } else {
    ctx.follow(session, { url: o.action, method: o.method }, "action", params);
  }
}

export const record: VerbHandler = (ctx, session, node) => {
  const o = optionsOf(ctx, session, node);
  const take: Take = { startedAt: ctx.clock.now(), soundEndsAt: undefined, done: false };
  const beep = node.attributes.playBeep === "false" ? "" : "beeps, then ";
  if (node.attributes.transcribe === "true")
    ctx.note(session.call, verbEntry(node, "does not transcribe (not simulated)"));
  ctx.note(
    session.call,
    verbEntry(node, `${beep}records (at most ${o.maxMs / 1000} s, ${o.timeoutMs / 1000} s of silence end it)`),
  );
  const silence = () => {
    ctx.clearTimers(session);
    ctx.after(session, (take.soundEndsAt ?? take.startedAt) + o.timeoutMs - ctx.clock.now(), () => stop());
    ctx.after(session, take.startedAt + o.maxMs - ctx.clock.now(), () => stop());
  };
  const stop = (digits?: string) => finish(ctx, session, node, o, take, digits);
  session.verb = {
    tag: "Record",
    key(key) {
      if (o.finishOnKey.includes(key)) stop(key);
    },
    speech(text) {
      take.soundEndsAt = Math.max(take.soundEndsAt ?? 0, ctx.clock.now()) + speakingMs(text);
      silence();
    },
    stop() {
      // The call ended while it recorded (the caller hung up, or an update ended it); an update's new document
      // abandons the recording.
      if (session.ended) stop("hangup");
    },
  };
  silence();
};
