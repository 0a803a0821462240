// The call simulator (docs/call-simulator.md), built from its parts: what it knows of each account (accounts.ts),
// each call's conversation (conversation.ts), the requests it sends (requests.ts), the engine that runs TwiML verb
// by verb (engine.ts, with the verbs of verbs.ts), the conference rooms (rooms.ts), the caller (caller.ts), the
// 2008-08-01 flow (legacy-call.ts) and the texts to the account's numbers (texts.ts). The stateful mock tells it of
// every call created, updated, answered and ended; it runs the ones whose instructions are on this machine, and
// leaves the others to their scenarios.
import { sendSigned, type WebhookSender } from "../../../webhook-delivery.js";
import { AccountRegistry } from "./accounts.js";
import { createCaller } from "./caller.js";
import { type LegacyCall, newSession, type Session, type Target } from "./context.js";
import { Conversations } from "./conversation.js";
import { Engine } from "./engine.js";
import { planOf, planOfApplication } from "./instructions.js";
import { legacyCallOf, startLegacyCall } from "./legacy-call.js";
import type { CallbacksPort, CallsPort, ClockPort, EventsPort, SimCall, TransitionSeen } from "./ports.js";
import { createRequests } from "./requests.js";
import { createRooms } from "./rooms.js";
import { createTexts } from "./texts.js";
import { VERB_HANDLERS } from "./verbs.js";
import { Work } from "./work.js";

export type { ConversationEntry } from "./conversation.js";

export interface SimulatorOptions {
  calls: CallsPort;
  clock: ClockPort;
  callbacks: CallbacksPort;
  events: EventsPort;
  /** Sends one signed request to the app; over HTTP by default. Tests may respond in the same process. */
  send?: WebhookSender;
}

export function createSimulator(options: SimulatorOptions) {
  const accounts = new AccountRegistry();
  const conversations = new Conversations(options.clock, options.events);
  const work = new Work();
  const rooms = createRooms();
  const tokenFor = (accountSid: string) => accounts.tokenFor(accountSid);
  const note = conversations.add.bind(conversations);
  const requests = createRequests({ send: options.send ?? sendSigned, tokenFor, note });
  const engine = new Engine({ ...options, conversations, requests, rooms, work, verbs: VERB_HANDLERS, tokenFor });
  const caller = createCaller({ engine, accounts, conversations });
  const texts = createTexts({ accounts, conversations, requests, send: options.send ?? sendSigned });

  return {
    accounts,
    ...caller,
    /** Texts to the account's numbers (seed 004's flow): each requests the number's smsUrl and runs its reply. */
    texts,
    /** A call created through the Calls API: runs its TwiML once answered, when its instructions are here. */
    adopt(call: SimCall, form: Record<string, unknown>): void {
      const appSid = typeof form.ApplicationSid === "string" ? form.ApplicationSid : undefined;
      const app = appSid === undefined ? undefined : accounts.application(call.accountSid, appSid);
      if (appSid !== undefined && !app) {
        const text = `${appSid} is no TwiML App the simulator was given (PUT /accounts/{AccountSid}/applications/${appSid}): the call follows its scenario`;
        note(call, { side: "mock", kind: "request", purpose: "voice-url", text });
      }
      if (app?.statusCallback) engine.ctx.planCallbacks(call, { StatusCallback: app.statusCallback });
      const plan = app ? planOfApplication(app) : appSid === undefined ? planOf(form, "voice-url") : undefined;
      if (!plan || tokenFor(call.accountSid) === undefined) return;
      call.simulated = true;
      engine.sessions.set(call.sid, newSession(call, plan.instructions, plan.fallback));
    },
    /** A call created through the 2008-08-01 API: its Url is requested once it connects, with DialStatus. */
    adoptLegacy(call: SimCall, form: Record<string, unknown>): void {
      const plan = planOf({ Url: form.Url, Method: form.Method }, "voice-url");
      if (!plan || tokenFor(call.accountSid) === undefined) return;
      call.simulated = true;
      engine.sessions.set(call.sid, { ...newSession(call, plan.instructions, undefined), legacy: legacyCallOf(form) });
    },
    /** A call was answered: an API call's TwiML is requested now. */
    answered(call: SimCall): void {
      const session = engine.sessions.get(call.sid);
      if (!session || session.started) return;
      if (session.legacy && "target" in session.instructions) startLegacy(engine, session, session.instructions.target);
      else engine.start(session);
    },
    hear: (call: SimCall, transition: TransitionSeen) => engine.hear(call, transition),
    /** An update with Url or Twiml: the running verb is abandoned and the new document runs (once answered). */
    redirect(call: SimCall, form: Record<string, unknown>): void {
      if (form.Url === undefined && form.Twiml === undefined) return;
      redirectCall(engine, call, form);
    },
    conversationOf: (sid: string) => conversations.of(sid),
    /** How many calls' TwiML runs now, and how many other calls' transitions a <Dial> waits on. */
    running: () => engine.size,
    /** True while a request to the app is under way. */
    busy: () => work.busy,
    /** Resolves once no request to the app is under way. */
    idle: () => work.idle(),
    /** Forgets a call the store let go (its conversation, and its session if it had one). */
    forget(sid: string): void {
      engine.forgetCall(sid);
      conversations.forget(sid);
    },
    /**
     * Forgets what it knows of one account, or of all: sessions, rooms, tokens, numbers, apps. Nothing is ended or
     * sent: the store forgets the calls too. The conversations of one account's calls go with `forget`.
     */
    reset(accountSid?: string): void {
      engine.forget(accountSid);
      if (accountSid === undefined) conversations.clear();
      rooms.reset(accountSid);
      texts.reset(accountSid);
      accounts.reset(accountSid);
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;

function startLegacy(engine: Engine, session: Session, target: Target): void {
  session.started = true;
  startLegacyCall(engine.ctx, session, session.legacy as LegacyCall, target, (dialStatus) =>
    engine.follow(session, target, "voice-url", { DialStatus: dialStatus }),
  );
}

function redirectCall(engine: Engine, call: SimCall, form: Record<string, unknown>): void {
  const { calls } = engine.ctx;
  const plan = planOf(form, "update");
  const session = engine.sessions.get(call.sid);
  if (!session?.started && call.status !== "in-progress") {
    // Not answered yet: what runs once it is.
    if (session && plan)
      Object.assign(session, { instructions: plan.instructions, fallback: plan.fallback ?? session.fallback });
    else if (plan) engine.sessions.set(call.sid, newSession(call, plan.instructions, plan.fallback));
    else engine.sessions.delete(call.sid);
    call.simulated = plan !== undefined;
    return;
  }
  const text = plan
    ? "an update gives the call a new document: the running verb is abandoned"
    : "an update points the call off this machine: it follows its scenario from here";
  engine.ctx.note(call, { side: "mock", kind: "verb", text });
  if (session) {
    engine.interrupt(session);
    if (!plan) {
      session.ended = true;
      engine.sessions.delete(call.sid);
      calls.followScenario(call);
      return;
    }
    Object.assign(session, { instructions: plan.instructions, fallback: plan.fallback ?? session.fallback });
    engine.start(session);
    return;
  }
  if (!plan) return;
  calls.simulate(call);
  const fresh = newSession(call, plan.instructions, plan.fallback);
  engine.sessions.set(call.sid, fresh);
  engine.start(fresh);
}
