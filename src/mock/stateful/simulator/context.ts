// What a verb of the simulator works with: the call's session (the document it runs, the verb running, what the
// caller typed ahead), and the context the engine gives every verb: the clock, the calls, the conversation, and
// the ways a verb ends (the next verb, a document requested, a hang-up). Types only, so that the verbs and the
// engine that runs them import each other's names without importing each other.

import type { TwimlNode } from "../../../twiml/tree.js";
import type { EntryInput } from "./conversation.js";
import type { CallsPort, ClockPort, SimCall, TransitionSeen } from "./ports.js";

/** Where a request goes, and how. */
export interface Target {
  url: string;
  method: string;
}

/** What a call runs: a document to request, or inline TwiML. */
export type Instructions = { target: Target; purpose: "voice-url" | "update" } | { twiml: string };

/** What a request was for, as its conversation entry says. */
export type Purpose = "voice-url" | "fallback" | "action" | "redirect" | "update" | "recording-status" | "sms-url";

/** The verb that runs now, and what it does with the caller's input. */
export interface RunningVerb {
  tag: string;
  /** A key the caller pressed while it ran. */
  key?(key: string): void;
  /** Words the caller said while it ran. */
  speech?(text: string, confidence: number): void;
  /** It is abandoned (an update's new document, or the end of the call): it lets go of what it holds. */
  stop?(): void;
}

export interface Session {
  call: SimCall;
  /** What runs when the call is answered (or, inbound, at once). */
  instructions: Instructions;
  fallback: Target | undefined;
  started: boolean;
  document: { url: string | undefined; verbs: TwimlNode[]; index: number } | undefined;
  verb: RunningVerb | undefined;
  /** The timers of the running verb. */
  timers: Array<() => void>;
  /** Grows at each interruption: a response to a request made before it is not run. */
  epoch: number;
  /** Keys no verb listened for, kept for the next <Gather>. */
  typed: string;
  /** Words no verb listened for, kept for the next <Gather>. */
  said: { text: string; confidence: number } | undefined;
  documents: number;
  ended: boolean;
  /** The call was forgotten (a reset): a late response adds nothing to its conversation. */
  forgotten: boolean;
  /** A call placed through the 2008-08-01 API: its requests carry that API's fields (legacy-call.ts). */
  legacy?: LegacyCall;
}

/** What a 2008-08-01 create asked for beyond its Url: answering-machine handling and digits to send. */
export interface LegacyCall {
  ifMachine: "Continue" | "Hangup" | undefined;
  sendDigits: string | undefined;
}

export function newSession(call: SimCall, instructions: Instructions, fallback: Target | undefined): Session {
  return {
    call,
    instructions,
    fallback,
    started: false,
    document: undefined,
    verb: undefined,
    timers: [],
    epoch: 0,
    typed: "",
    said: undefined,
    documents: 0,
    ended: false,
    forgotten: false,
  };
}

/** A call joining a conference room, and what ends its stay there. */
export interface RoomJoin {
  name: string;
  startOnEnter: boolean;
  endOnExit: boolean;
  /** The room ended under the participant (another's endConferenceOnExit): its <Dial> is done. */
  ended(): void;
}

/** The conference rooms of every account, by name: calls join and leave them (rooms.ts). */
export interface Rooms {
  /** Joins the room (made on the first join); undefined when it is full. */
  join(ctx: SimContext, session: Session, join: RoomJoin): { sid: string } | undefined;
  /** The participant leaves (its <Dial> ended, or its call did); a room left empty is gone. */
  leave(ctx: SimContext, session: Session): void;
  reset(accountSid?: string): void;
}

export interface SimContext {
  readonly clock: ClockPort;
  readonly calls: CallsPort;
  readonly rooms: Rooms;
  /** Adds an entry to a call's conversation. */
  note(call: SimCall, entry: EntryInput): void;
  /** Runs `fn` after `ms` of mock time, unless the verb ends or is abandoned first. */
  after(session: Session, ms: number, fn: () => void): void;
  /** Cancels the running verb's timers; the verb goes on. */
  clearTimers(session: Session): void;
  /** The running verb is done: the next one runs (or, past the last, the call hangs up). */
  next(session: Session): void;
  /** Requests a document for the call and runs it in place of the current one (an action, a <Redirect>). */
  follow(session: Session, target: Target, purpose: Purpose, params?: Record<string, string>): void;
  /** Sends a request whose response runs nothing: an action after the call ended, a recording status callback. */
  tell(session: Session, target: Target, purpose: Purpose, params: Record<string, string>): void;
  /** The call hangs up (answered first, if it still rings). */
  hangUp(session: Session, note: string): void;
  /** A verb the simulator does not run: named in the conversation, and the call ends. */
  notSimulated(session: Session, node: TwimlNode, what?: string): void;
  /** A verb's URL, resolved against its document's; undefined when it cannot be. */
  resolve(session: Session, url: string): string | undefined;
  /** Hears of every transition of another call (a leg of the session's call), until `unwatch`. */
  watch(session: Session, sid: string, listener: (call: SimCall, transition: TransitionSeen) => void): void;
  unwatch(sid: string): void;
  /** Plans a call's status callbacks, as a create's form would (a <Number>'s statusCallback). */
  planCallbacks(call: SimCall, form: Record<string, unknown>): void;
  /** A SID derived from the call's and a counter, so that a seeded mock repeats it. */
  newSid(prefix: "RE" | "CF", session: Session): string;
}

export type VerbHandler = (ctx: SimContext, session: Session, node: TwimlNode) => void;

/** A verb entry of the conversation, on the mock's side. */
export function verbEntry(node: TwimlNode, text: string, durationMs?: number): EntryInput {
  return {
    side: "mock",
    kind: "verb",
    verb: node.tag,
    path: node.path,
    text,
    ...(durationMs === undefined ? {} : { durationMs }),
  };
}

/** Text of the app's, cut for a conversation entry. */
export function quoted(text: string, max = 120): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
