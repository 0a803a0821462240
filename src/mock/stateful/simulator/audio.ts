// <Say>, <Play> and <Pause>: each takes its time on the mock's clock, then the next verb runs. How long: a <Say> at
// the stated speaking rate, a <Play> its stated length (its audio is not fetched) or its DTMF tones, a <Pause> its
// length; times `loop`, and `loop="0"` until the call ends (a <Play>'s 1000 plays at most). The same durations
// serve the prompts nested in a <Gather>.

import type { TwimlNode } from "../../../twiml/tree.js";
import { quoted, type Session, type SimContext, type VerbHandler, verbEntry } from "./context.js";
import { DIGIT_MS, LOOP, PAUSE_SECONDS, PLAY_LOOP_CAP, PLAY_SECONDS, speakingMs } from "./defaults.js";
import { allText, wholeNumber } from "./document.js";

/** What a prompt does and for how long; `forever` when it repeats until the call ends. */
export interface Audio {
  text: string;
  ms: number;
  forever: boolean;
}

function loopsOf(node: TwimlNode): { count: number; shown: string } {
  const loop = wholeNumber(node, "loop", LOOP);
  return { count: loop, shown: loop === 1 ? "" : loop === 0 ? ", over and over" : `, ${loop} times` };
}

function sayAudio(node: TwimlNode): Audio {
  const text = allText(node);
  const { count, shown } = loopsOf(node);
  const once = speakingMs(text);
  return { text: `says ${quoted(text)}${shown}`, ms: once * Math.max(1, count), forever: count === 0 };
}

function playAudio(node: TwimlNode): Audio {
  const digits = node.attributes.digits;
  if (digits !== undefined) {
    // Each `w` is half a second (the Play page); each tone half a second too (this project's choice).
    return { text: `plays the tones ${quoted(digits)}`, ms: digits.length * DIGIT_MS, forever: false };
  }
  const { count, shown } = loopsOf(node);
  // loop="0" plays until the call ends or 1000 plays are done (twilio.com/docs/voice/twiml/play).
  const plays = count === 0 ? PLAY_LOOP_CAP : count;
  return { text: `plays ${quoted(node.text)}${shown}`, ms: plays * PLAY_SECONDS * 1000, forever: false };
}

function pauseAudio(node: TwimlNode): Audio {
  const seconds = wholeNumber(node, "length", PAUSE_SECONDS);
  return { text: `pauses ${seconds} s`, ms: seconds * 1000, forever: false };
}

const AUDIO: Record<string, (node: TwimlNode) => Audio> = { Say: sayAudio, Play: playAudio, Pause: pauseAudio };

/** A prompt's text and length, or undefined for an element that is not one. */
export function audioOf(node: TwimlNode): Audio | undefined {
  return Object.hasOwn(AUDIO, node.tag) ? AUDIO[node.tag]?.(node) : undefined;
}

/** Plays a prompt, then runs `then`; a prompt that repeats until the call ends never does. */
export function play(ctx: SimContext, session: Session, node: TwimlNode, then: () => void): void {
  const audio = audioOf(node) as Audio;
  ctx.note(session.call, verbEntry(node, audio.forever ? `${audio.text}, until the call ends` : audio.text, audio.ms));
  if (!audio.forever) ctx.after(session, audio.ms, then);
}

/** <Say> and <Play>: the prompt, then the next verb. */
export const prompt: VerbHandler = (ctx, session, node) => play(ctx, session, node, () => ctx.next(session));

/** <Pause>; as an inbound call's first verb it waits before the call is answered (the Pause page). */
export const pause: VerbHandler = (ctx, session, node) => {
  const ringing = session.call.status === "ringing";
  play(ctx, session, node, () => {
    if (ringing) ctx.calls.answer(session.call);
    ctx.next(session);
  });
};
