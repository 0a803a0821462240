// The engine that runs a call's TwiML, verb after verb on the mock's clock: the document requested (or the inline
// Twiml read), each verb handed to its handler (verbs.ts), the next one when it is done, and the call hung up when
// the document has no more (twilio.com/docs/voice/twiml/gather: "no more verbs, so Twilio ends the call"). A failed
// request goes to the call's FallbackUrl with ErrorCode and ErrorUrl, else ends the call with the error code
// (twilio.com/docs/usage/security/availability-reliability); an action or <Redirect> that fails is treated the same
// way (this project's choice: Twilio does not say). An update's new document abandons the running verb.
import { createHash } from "node:crypto";
import type { TwimlNode } from "../../../twiml/tree.js";
import type { Purpose, Rooms, Session, SimContext, Target, VerbHandler } from "./context.js";
import type { Conversations } from "./conversation.js";
import { resolveUrl } from "./document.js";
import {
  type CallbacksPort,
  type CallsPort,
  type ClockPort,
  LIVE,
  type SimCall,
  type TransitionSeen,
} from "./ports.js";
import type { DocumentOutcome, Requests } from "./requests.js";
import type { Work } from "./work.js";

export interface EngineParts {
  clock: ClockPort;
  calls: CallsPort;
  callbacks: CallbacksPort;
  conversations: Conversations;
  requests: Requests;
  rooms: Rooms;
  work: Work;
  verbs: ReadonlyMap<string, VerbHandler>;
  tokenFor(accountSid: string): string | undefined;
}

type Listener = (call: SimCall, transition: TransitionSeen) => void;
/** A leg's watcher, with the account whose reset lets it go. */
type Watcher = { accountSid: string; listener: Listener };

const notSimulated: VerbHandler = (ctx, session, node) => ctx.notSimulated(session, node);

export class Engine {
  /** The calls whose TwiML runs, by SID. */
  readonly sessions = new Map<string, Session>();
  readonly ctx: SimContext;
  private readonly watchers = new Map<string, Watcher>();

  constructor(private readonly parts: EngineParts) {
    this.ctx = contextOf(this, parts, this.watchers);
  }

  get size(): { sessions: number; watchers: number } {
    return { sessions: this.sessions.size, watchers: this.watchers.size };
  }

  /** Runs what the call was given: its document requested, or its inline Twiml read. */
  start(session: Session): void {
    session.started = true;
    const { instructions } = session;
    if ("twiml" in instructions)
      this.settle(session, this.parts.requests.inline(session, instructions.twiml), "voice-url");
    else this.follow(session, instructions.target, instructions.purpose);
  }

  /** The running verb is abandoned (an update, the end of the call); a response to an earlier request is not run. */
  interrupt(session: Session): void {
    session.epoch += 1;
    const verb = session.verb;
    this.finishVerb(session);
    verb?.stop?.();
  }

  /** Hears of a transition of any call: a leg's watcher, and the end of a call the simulator runs. */
  hear(call: SimCall, transition: TransitionSeen): void {
    this.watchers.get(call.sid)?.listener(call, transition);
    const session = this.sessions.get(call.sid);
    if (session && transition.to === "in-progress") {
      this.ctx.note(call, { side: "mock", kind: "answer", text: "the call is answered" });
    }
    if (!session || LIVE.has(transition.to)) return;
    session.ended = true;
    this.sessions.delete(call.sid);
    this.interrupt(session);
    const why = transition.note ? ` (${transition.note})` : "";
    this.ctx.note(call, { side: "mock", kind: "end", text: `the call ended: ${transition.to}${why}` });
  }

  /**
   * Lets go of the sessions (of one account, or all) without ending anything: the store forgets their calls, so
   * nothing more is sent about them.
   */
  forget(accountSid?: string): void {
    for (const [sid, session] of this.sessions) {
      if (accountSid !== undefined && session.call.accountSid !== accountSid) continue;
      Object.assign(session, { ended: true, forgotten: true });
      session.epoch += 1;
      this.finishVerb(session);
      this.sessions.delete(sid);
    }
    for (const [sid, watcher] of this.watchers) {
      if (accountSid === undefined || watcher.accountSid === accountSid) this.watchers.delete(sid);
    }
  }

  /** Lets go of what the engine keeps for one call the store let go. */
  forgetCall(sid: string): void {
    this.watchers.delete(sid);
    const session = this.sessions.get(sid);
    if (session) session.forgotten = true;
    this.sessions.delete(sid);
  }

  /** The running verb is over: its timers go, and input waits for the next verb. */
  finishVerb(session: Session): void {
    for (const cancel of session.timers.splice(0)) cancel();
    session.verb = undefined;
  }

  hangUp(session: Session, note: string): void {
    const { calls } = this.parts;
    // <Hangup> as the first verb still answers the call (twilio.com/docs/voice/twiml/hangup).
    if (session.call.status === "ringing") calls.answer(session.call);
    calls.finish(session.call, "completed", note);
  }

  follow(session: Session, target: Target, purpose: Purpose, params: Record<string, string> = {}): void {
    const epoch = session.epoch;
    this.finishVerb(session);
    const run = async () => {
      const outcome = await this.parts.requests.document(session, target, purpose, params);
      if (!session.ended && session.epoch === epoch) this.settle(session, outcome, purpose);
    };
    this.parts.work.track(run());
  }

  next(session: Session): void {
    if (session.ended) return;
    this.finishVerb(session);
    const { call } = session;
    const document = session.document;
    const node: TwimlNode | undefined = document?.verbs[document.index];
    if (document) document.index += 1;
    if (!node) {
      this.ctx.note(call, { side: "mock", kind: "verb", text: "no more verbs: the call hangs up" });
      this.hangUp(session, "the document ended");
      return;
    }
    // An inbound call is answered by its first verb, unless that is <Reject>, or a <Pause> before answering.
    if (call.status === "ringing" && node.tag !== "Reject" && node.tag !== "Pause") this.parts.calls.answer(call);
    (this.parts.verbs.get(node.tag) ?? notSimulated)(this.ctx, session, node);
  }

  private settle(session: Session, outcome: DocumentOutcome, purpose: Purpose): void {
    if (outcome.kind === "document") {
      session.document = { url: outcome.url, verbs: outcome.verbs, index: 0 };
      this.next(session);
    } else if (outcome.kind === "off-machine") {
      this.letGo(session);
    } else if (outcome.kind === "limit") {
      this.hangUp(session, "the simulator's bound of documents a call");
    } else if (purpose !== "fallback" && session.fallback) {
      const params = { ErrorCode: String(outcome.code), ...(outcome.url ? { ErrorUrl: outcome.url } : {}) };
      this.follow(session, session.fallback, "fallback", params);
    } else {
      const text = `no FallbackUrl: Twilio plays its application error message and hangs up (error ${outcome.code})`;
      this.ctx.note(session.call, { side: "mock", kind: "error", code: outcome.code, text });
      this.hangUp(session, `error ${outcome.code}`);
    }
  }

  /** The call's next URL is off this machine: its scenario runs it from here. */
  private letGo(session: Session): void {
    const { call } = session;
    session.ended = true;
    this.sessions.delete(call.sid);
    this.finishVerb(session);
    if (call.status === "ringing") this.parts.calls.answer(call);
    this.parts.calls.followScenario(call);
  }
}

/** What every verb is handed: the engine's ways, and the parts it runs on. */
function contextOf(engine: Engine, parts: EngineParts, watchers: Map<string, Watcher>): SimContext {
  const counters = new WeakMap<Session, number>();
  const ctx: SimContext = {
    clock: parts.clock,
    calls: parts.calls,
    rooms: parts.rooms,
    note: (call, entry) => parts.conversations.add(call, entry),
    after(session, ms, fn) {
      session.timers.push(parts.clock.at(parts.clock.now() + ms, fn));
    },
    clearTimers(session) {
      for (const cancel of session.timers.splice(0)) cancel();
    },
    next: (session) => engine.next(session),
    follow: (session, target, purpose, params) => engine.follow(session, target, purpose, params),
    tell: (session, target, purpose, params) => parts.work.track(parts.requests.tell(session, target, purpose, params)),
    hangUp: (session, note) => engine.hangUp(session, note),
    notSimulated(session, node, what = `<${node.tag}>`) {
      const text = `${what} is not simulated: the call ends here`;
      ctx.note(session.call, { side: "mock", kind: "not-simulated", verb: node.tag, path: node.path, text });
      engine.hangUp(session, `${what} is not simulated`);
    },
    resolve: (session, url) => resolveUrl(url, session.document?.url),
    watch: (session, sid, listener) => void watchers.set(sid, { accountSid: session.call.accountSid, listener }),
    unwatch: (sid) => void watchers.delete(sid),
    planCallbacks: (call, form) => parts.callbacks.plan(call.sid, form, parts.tokenFor(call.accountSid) ?? ""),
    newSid(prefix, session) {
      const n = (counters.get(session) ?? 0) + 1;
      counters.set(session, n);
      const digest = createHash("sha256").update(`${prefix} ${session.call.sid} ${n}`).digest("hex");
      return `${prefix}${digest.slice(0, 32)}`;
    },
  };
  return ctx;
}
