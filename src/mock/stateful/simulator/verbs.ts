// The verbs the simulator runs, each by its handler, and what each does, in the words docs/call-simulator.md's verb
// table uses (a test holds the table, this list and the tests that run each verb to one another). Every other
// element at the top of a document is named in the conversation as not simulated and ends the call.
import { pause, prompt } from "./audio.js";
import type { VerbHandler } from "./context.js";
import { dial } from "./dial.js";
import { hangup, redirect, reject } from "./flow.js";
import { gather } from "./gather.js";
import { record } from "./record.js";

export interface SimulatedVerb {
  handler: VerbHandler;
  /** What the simulator does with it, in one line. */
  does: string;
}

export const SIMULATED_VERBS: Readonly<Record<string, SimulatedVerb>> = {
  Say: {
    handler: prompt,
    does: "takes the time its words take at 150 words a minute, times `loop` (`0`: until the call ends)",
  },
  Play: {
    handler: prompt,
    does: "takes 5 s a play (the audio is not fetched), times `loop` (`0`: 1000 plays); `digits` take 0.5 s a key or `w`",
  },
  Pause: {
    handler: pause,
    does: "takes `length` seconds (1 by default); first verb of an inbound call: waits before answering",
  },
  Gather: {
    handler: gather,
    does: "plays its nested Say, Play, Pause; hears keys and speech; action with Digits or SpeechResult and Confidence; no input: next verb",
  },
  Record: {
    handler: record,
    does: "records the caller's speech until finishOnKey, silence or maxLength; action with RecordingUrl, RecordingSid, RecordingDuration; recording status callback",
  },
  Dial: {
    handler: dial,
    does: "places a leg per Number, Client or Sip (parent_call_sid), bridges the first answered, or joins a Conference; action with DialCallStatus, DialCallSid, DialCallDuration",
  },
  Redirect: { handler: redirect, does: "requests its URL and runs that document" },
  Hangup: { handler: hangup, does: "ends the call" },
  Reject: {
    handler: reject,
    does: "first verb of an inbound call: busy or no-answer, never answered; later: hangs up",
  },
};

/** What the simulator does with any other verb, in the verb table's words. */
export const OTHER_VERBS = "named in the conversation as not simulated; the call ends there";

export const VERB_HANDLERS: ReadonlyMap<string, VerbHandler> = new Map(
  Object.entries(SIMULATED_VERBS).map(([tag, verb]) => [tag, verb.handler]),
);
