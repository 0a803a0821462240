// The stateful mock's calls: kept in memory per account, moved through Twilio's documented lifecycle by one clock,
// and rendered as Call objects. Every transition is recorded in the call's timeline and drives its status
// callbacks, so what fetch, list and the callbacks say can never disagree.
//
// Lifecycle (Twilio's Call resource reference and its "Making Calls" guide): queued, dequeued at the account's
// calls per second (1 by default) with queue_time; then ringing; then in-progress when answered, completed when
// one side hangs up; or busy, no-answer (after Timeout), failed, or canceled by an update. A Timeout or TimeLimit
// the create leaves out is the spec's default, read from the spec.
//
// Besides the calls placed through the API: inbound calls to an account's numbers, which ring until the call
// simulator answers them, and the legs a <Dial> places (parent_call_sid), which skip the queue and ring at once
// (Twilio support article 223132267). A call the simulator runs ends when its TwiML says so, or at its TimeLimit;
// every other call ends after its scenario's talk time.
//
// Memory is bounded twice: per account (maxCallsPerAccount) and across all accounts (maxCalls). Past either bound the
// oldest finished call goes first; a create is refused with 429 only when every call within the bound is live.
import { createHash } from "node:crypto";
import type { components } from "../../../generated/calls.js";
import { specDefaultNumber } from "../calls-spec.js";
import { randomSid } from "../random-sid.js";
import type { Clock } from "./clock.js";
import { type AnsweredBy, DEFAULT_SCENARIO, SCENARIO_NUMBERS, type Scenario } from "./scenarios.js";

// The spec's own enum: a status the spec gains or loses fails the type check at FORWARD below, not at run time.
export type CallStatus = components["schemas"]["CallStatus"];
export type CallDirection = components["schemas"]["CallDirection"];
export const LIVE_STATUSES: ReadonlySet<CallStatus> = new Set(["queued", "ringing", "in-progress"]);
const FORWARD: Record<CallStatus, number> = {
  queued: 0,
  ringing: 1,
  "in-progress": 2,
  completed: 3,
  busy: 3,
  failed: 3,
  "no-answer": 3,
  canceled: 3,
};

/** A progress event a StatusCallback can ask for, and the CallStatus its callback carries. */
export interface ProgressEventOf {
  name: "initiated" | "ringing" | "answered" | "completed";
  /** initiated is a callback status only; the resource goes from queued to ringing. */
  callStatus: string;
}

export interface Transition {
  at: number;
  from: CallStatus | undefined;
  to: CallStatus;
  /** The progress events this transition fires, in order (none for a call canceled while queued). */
  events: ProgressEventOf[];
  note?: string;
}

export interface CallRecord {
  sid: string;
  /** Its place in the order calls were created, across all accounts: what the admin state's pages are cut at. */
  seq: number;
  accountSid: string;
  to: string;
  from: string;
  createdAt: number;
  updatedAt: number;
  status: CallStatus;
  startTime?: number;
  answeredAt?: number;
  endTime?: number;
  queueTimeMs: number;
  answeredBy?: AnsweredBy;
  machineDetection: boolean;
  timeoutSeconds: number;
  timeLimitSeconds: number;
  scenario: Scenario;
  timeline: Transition[];
  /** Cancels the call's pending transitions. */
  cancelTimers: Array<() => void>;
  direction: CallDirection;
  /** The call whose <Dial> placed this leg; null for the others. */
  parentCallSid: string | null;
  /** True while the call simulator runs the call's TwiML: its TwiML, not its scenario's talk time, ends it. */
  simulated: boolean;
}

/** What a new call is made of, beside its account. */
interface Admission {
  to: string;
  from: string;
  timeoutSeconds?: number;
  timeLimitSeconds?: number;
  machineDetection?: boolean;
  direction: CallDirection;
  parentCallSid?: string;
  /** Its first transition: queued for a create, ringing for an inbound call or a leg. */
  first: Omit<Transition, "at" | "from">;
  /** Sees the call before its first transition is told: where its callbacks go is planned there. */
  prepare?: (call: CallRecord) => void;
}

export type StoreError = { status: number; code: number; message: string };

export interface StoreOptions {
  clock: Clock;
  /** Calls each account's queue releases per second. Defaults to 1, Twilio's default. */
  callsPerSecond?: number;
  /** The most calls one account keeps; the oldest finished ones go first. Defaults to 10,000. */
  maxCallsPerAccount?: number;
  /** The most calls kept across all accounts; the oldest finished ones go first. Defaults to 20,000. */
  maxCalls?: number;
  /** Makes SIDs repeat from run to run. */
  seed?: string;
  /** Sees every transition of every call, in order. */
  onTransition?: (call: CallRecord, transition: Transition) => void;
  /** Hears of a call the store let go to stay within its bound, so that what is kept beside it goes too. */
  onEvict?: (call: CallRecord) => void;
  /** Hears of every call answered, after its transition to in-progress. */
  onAnswer?: (call: CallRecord) => void;
}

interface Account {
  calls: Map<string, CallRecord>;
  /** When the queue last released a call (mock time). */
  lastDequeueAt: number;
  outcomesByTo: Map<string, Scenario>;
}

const PRICE_PER_MINUTE = 0.014;
const RINGING_EVENTS: ProgressEventOf[] = [
  { name: "initiated", callStatus: "initiated" },
  { name: "ringing", callStatus: "ringing" },
];
export const DEFAULT_MAX_CALLS_PER_ACCOUNT = 10_000;
export const DEFAULT_MAX_CALLS = 20_000;

/** A bound on calls, checked when the store is made: a whole number of at least 1. */
function callBound(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number of calls of at least 1, not ${value}`);
  }
  return value;
}

export class CallStore {
  private readonly accounts = new Map<string, Account>();
  private counter = 0;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly maxCallsPerAccount: number;
  private readonly maxCalls: number;
  /** Every kept call of every account, in the order they were created. */
  private readonly kept = new Set<CallRecord>();
  /** How many of the kept calls have ended: none, and a create past maxCalls is refused without a search. */
  private finishedCount = 0;
  private readonly seed: string | undefined;
  private readonly onTransition: StoreOptions["onTransition"];
  private readonly onEvict: StoreOptions["onEvict"];
  private readonly onAnswer: StoreOptions["onAnswer"];
  private readonly defaultTimeout = specDefaultNumber("createCall", "body", "Timeout");
  private readonly defaultTimeLimit = specDefaultNumber("createCall", "body", "TimeLimit");

  constructor(options: StoreOptions) {
    this.clock = options.clock;
    this.intervalMs = 1000 / (options.callsPerSecond ?? 1);
    this.maxCallsPerAccount = callBound(
      "maxCallsPerAccount",
      options.maxCallsPerAccount,
      DEFAULT_MAX_CALLS_PER_ACCOUNT,
    );
    this.maxCalls = callBound("maxCalls", options.maxCalls, DEFAULT_MAX_CALLS);
    this.seed = options.seed;
    this.onTransition = options.onTransition;
    this.onEvict = options.onEvict;
    this.onAnswer = options.onAnswer;
  }

  private account(accountSid: string): Account {
    let account = this.accounts.get(accountSid);
    if (!account) {
      account = { calls: new Map(), lastDequeueAt: Number.NEGATIVE_INFINITY, outcomesByTo: new Map() };
      this.accounts.set(accountSid, account);
    }
    return account;
  }

  private newSid(accountSid: string): string {
    this.counter += 1;
    if (this.seed === undefined) return randomSid("CA");
    const digest = createHash("sha256").update(`${this.seed}\u0000${accountSid}\u0000${this.counter}`).digest("hex");
    return `CA${digest.slice(0, 32)}`;
  }

  private move(call: CallRecord, to: CallStatus, details: Omit<Transition, "at" | "from" | "to">): void {
    if (FORWARD[to] < FORWARD[call.status]) throw new Error(`a call does not go back from ${call.status} to ${to}`);
    const transition: Transition = { at: this.clock.now(), from: call.status, to, ...details };
    call.status = to;
    call.updatedAt = transition.at;
    call.timeline.push(transition);
    this.onTransition?.(call, transition);
  }

  private schedule(call: CallRecord, at: number, fn: () => void): void {
    call.cancelTimers.push(this.clock.at(at, fn));
  }

  private clearTimers(call: CallRecord): void {
    for (const cancel of call.cancelTimers.splice(0)) cancel();
  }

  private end(call: CallRecord, to: CallStatus, note?: string): void {
    this.clearTimers(call);
    call.endTime = this.clock.now();
    this.finishedCount += 1;
    // Twilio's reference: a call canceled while it is queued fires no status callbacks at all.
    const silent = to === "canceled" && call.status === "queued";
    const events: ProgressEventOf[] = silent ? [] : [{ name: "completed", callStatus: to }];
    this.move(call, to, { events, ...(note ? { note } : {}) });
  }

  /** Places a call: queued now, released by the account's queue, then run by its scenario. */
  create(
    accountSid: string,
    form: { To: string; From: string; Timeout?: number; TimeLimit?: number; MachineDetection?: string },
  ): CallRecord | StoreError {
    const call = this.admit(accountSid, {
      to: form.To,
      from: form.From,
      ...(form.Timeout === undefined ? {} : { timeoutSeconds: form.Timeout }),
      ...(form.TimeLimit === undefined ? {} : { timeLimitSeconds: form.TimeLimit }),
      machineDetection: form.MachineDetection !== undefined,
      direction: "outbound-api",
      first: { to: "queued", events: [], note: "created" },
    });
    if (isStoreError(call)) return call;
    const account = this.account(accountSid);
    const dequeueAt = Math.max(call.createdAt, account.lastDequeueAt + this.intervalMs);
    account.lastDequeueAt = dequeueAt;
    this.schedule(call, dequeueAt, () => this.dequeue(call));
    return call;
  }

  /**
   * A call to one of the account's numbers: ringing at once until the simulator answers it (or ends it, for a
   * <Reject>), for at most the create's default Timeout: Twilio states no limit for a caller who waits (a first
   * <Pause> of an hour), and 60 s before the caller gives up (no-answer) is this project's choice. `prepare` sees
   * the call before its first transition is told.
   */
  createInbound(
    accountSid: string,
    fields: { from: string; to: string },
    prepare?: (call: CallRecord) => void,
  ): CallRecord | StoreError {
    const first = { to: "ringing" as const, events: [{ name: "ringing" as const, callStatus: "ringing" }] };
    const call = this.admit(accountSid, { ...fields, direction: "inbound", first, ...(prepare ? { prepare } : {}) });
    if (isStoreError(call) || call.status !== "ringing") return call;
    const note = `the caller gave up after ${call.timeoutSeconds} s of ringing`;
    this.schedule(call, call.createdAt + call.timeoutSeconds * 1000, () => this.end(call, "no-answer", note));
    return call;
  }

  /**
   * A leg a <Dial> places: it skips the queue and rings at once (initiated, then ringing), and its scenario (by its
   * To) decides how it ends, within the Dial's timeout. `prepare` sees it before its first transition is told.
   */
  createLeg(
    parent: CallRecord,
    fields: { to: string; from: string; timeoutSeconds: number },
    prepare?: (call: CallRecord) => void,
  ): CallRecord | StoreError {
    const call = this.admit(parent.accountSid, {
      ...fields,
      direction: "outbound-dial",
      parentCallSid: parent.sid,
      first: { to: "ringing", events: RINGING_EVENTS, note: `dialled by ${parent.sid}` },
      ...(prepare ? { prepare } : {}),
    });
    if (isStoreError(call)) return call;
    if (call.scenario.outcome === "failed") this.end(call, "failed", "the dial failed");
    else this.ringOut(call);
    return call;
  }

  /** Makes room for a new call, keeps it, and tells its first transition. */
  private admit(accountSid: string, admission: Admission): CallRecord | StoreError {
    const account = this.account(accountSid);
    const refused = this.makeRoom(account);
    if (refused) return refused;
    const now = this.clock.now();
    const scenario = account.outcomesByTo.get(admission.to) ?? SCENARIO_NUMBERS[admission.to] ?? DEFAULT_SCENARIO;
    const call: CallRecord = {
      sid: this.newSid(accountSid),
      seq: this.counter,
      accountSid,
      to: admission.to,
      from: admission.from,
      createdAt: now,
      updatedAt: now,
      status: admission.first.to,
      queueTimeMs: 0,
      machineDetection: admission.machineDetection ?? false,
      timeoutSeconds: admission.timeoutSeconds ?? this.defaultTimeout,
      timeLimitSeconds: admission.timeLimitSeconds ?? this.defaultTimeLimit,
      scenario: { ...scenario },
      timeline: [],
      cancelTimers: [],
      direction: admission.direction,
      parentCallSid: admission.parentCallSid ?? null,
      simulated: false,
    };
    // A call that rings from the start (inbound, a leg) starts now; one placed through the API when it leaves the queue.
    if (admission.first.to !== "queued") call.startTime = now;
    account.calls.set(call.sid, call);
    this.kept.add(call);
    admission.prepare?.(call);
    const first: Transition = { at: now, from: undefined, ...admission.first };
    call.timeline.push(first);
    this.onTransition?.(call, first);
    return call;
  }

  private dequeue(call: CallRecord): void {
    const now = this.clock.now();
    call.queueTimeMs = now - call.createdAt;
    call.startTime = now;
    // "initiated" is what the first callback says; the resource itself goes from queued to ringing.
    if (call.scenario.outcome === "failed") {
      this.end(call, "failed", "the dial failed");
      return;
    }
    this.move(call, "ringing", { events: RINGING_EVENTS });
    this.ringOut(call);
  }

  /** A ringing call's scenario: answered after its ring time, or busy, or no-answer once Timeout has passed. */
  private ringOut(call: CallRecord): void {
    const now = this.clock.now();
    const { outcome, ringSeconds } = call.scenario;
    const timeoutAt = now + call.timeoutSeconds * 1000;
    if (outcome === "no-answer" || ringSeconds >= call.timeoutSeconds) {
      this.schedule(call, timeoutAt, () =>
        this.end(call, "no-answer", `no answer within Timeout ${call.timeoutSeconds} s`),
      );
      return;
    }
    const ringEnd = now + ringSeconds * 1000;
    if (outcome === "busy") {
      this.schedule(call, ringEnd, () => this.end(call, "busy"));
      return;
    }
    this.schedule(call, ringEnd, () => this.answer(call));
  }

  /** Picks up a ringing call: by its scenario, or when the simulator runs an inbound call's first verb. */
  answer(call: CallRecord): void {
    if (call.status !== "ringing") return;
    this.clearTimers(call);
    const now = this.clock.now();
    call.answeredAt = now;
    if (call.machineDetection) call.answeredBy = call.scenario.answeredBy;
    this.move(call, "in-progress", { events: [{ name: "answered", callStatus: "in-progress" }] });
    this.scheduleHangUp(call);
    this.onAnswer?.(call);
  }

  /** Ends a live call now (the simulator's <Hangup>, <Reject>, a caller who hangs up); an ended call stays. */
  finish(call: CallRecord, to: CallStatus, note?: string): void {
    if (LIVE_STATUSES.has(call.status)) this.end(call, to, note);
  }

  /** A call the simulator takes over (an update gave it TwiML): its TwiML ends it from now on, or its TimeLimit. */
  simulate(call: CallRecord): void {
    call.simulated = true;
    if (call.status !== "in-progress") return;
    this.clearTimers(call);
    this.scheduleHangUp(call);
  }

  /** A call the simulator lets go (its next URL is off this machine): its scenario's talk time ends it now. */
  followScenario(call: CallRecord): void {
    call.simulated = false;
    if (call.status !== "in-progress") return;
    this.clearTimers(call);
    this.scheduleHangUp(call);
  }

  private scheduleHangUp(call: CallRecord): void {
    const answeredAt = call.answeredAt ?? this.clock.now();
    if (call.simulated) {
      // Its TwiML ends it, or its TimeLimit does.
      const reason = `TimeLimit ${call.timeLimitSeconds} s`;
      this.schedule(call, answeredAt + call.timeLimitSeconds * 1000, () => this.end(call, "completed", reason));
      return;
    }
    const talk = Math.min(call.scenario.talkSeconds, call.timeLimitSeconds) * 1000;
    const reason =
      call.scenario.talkSeconds > call.timeLimitSeconds ? `TimeLimit ${call.timeLimitSeconds} s` : undefined;
    this.schedule(call, answeredAt + talk, () => this.end(call, "completed", reason));
  }

  /** Twilio's update: Status canceled or completed, a redirect (Url or Twiml), or a new TimeLimit. */
  update(accountSid: string, sid: string, form: Record<string, unknown>): CallRecord | StoreError {
    const call = this.get(accountSid, sid);
    if (!call) return notFound(sid);
    if (!LIVE_STATUSES.has(call.status)) {
      // Twilio's observed wording for a redirect; an end request on an ended call is assumed to draw the same
      // code (x-mock-assumptions on updateCall in openapi/calls.yaml).
      const redirect = form.Url !== undefined || form.Twiml !== undefined;
      const message = redirect
        ? "Call is not in-progress. Cannot redirect."
        : `Call is not in-progress. Cannot end a call that is already ${call.status}.`;
      return { status: 400, code: 21220, message };
    }
    const status = form.Status as string | undefined;
    if (status === "canceled") {
      // canceled ends a call that is queued or ringing and leaves one in progress alone.
      if (call.status !== "in-progress") this.end(call, "canceled", "canceled by an update");
      return call;
    }
    if (status === "completed") {
      if (call.status === "in-progress") this.end(call, "completed", "ended by an update");
      else this.end(call, "canceled", "hung up before it was answered");
      return call;
    }
    if (typeof form.TimeLimit === "number") {
      call.timeLimitSeconds = form.TimeLimit;
      if (call.status === "in-progress") {
        this.clearTimers(call);
        this.scheduleHangUp(call);
      }
    }
    if (form.Url !== undefined || form.Twiml !== undefined) {
      call.updatedAt = this.clock.now();
      const redirect: Transition = {
        at: call.updatedAt,
        from: call.status,
        to: call.status,
        events: [],
        note: "redirected",
      };
      call.timeline.push(redirect);
      this.onTransition?.(call, redirect);
    }
    return call;
  }

  /** Deletes a finished call's record. A live one stays: code 20009 is Twilio's, its HTTP status 400 assumed. */
  remove(accountSid: string, sid: string): true | StoreError {
    const call = this.get(accountSid, sid);
    if (!call) return notFound(sid);
    if (LIVE_STATUSES.has(call.status)) {
      return { status: 400, code: 20009, message: `Cannot delete a call that is ${call.status}; end it first` };
    }
    this.forget(call);
    return true;
  }

  get(accountSid: string, sid: string): CallRecord | undefined {
    return this.accounts.get(accountSid)?.calls.get(sid);
  }

  /** The account's calls, newest first. */
  list(accountSid: string): CallRecord[] {
    return [...(this.accounts.get(accountSid)?.calls.values() ?? [])].reverse();
  }

  accountSids(): string[] {
    return [...this.accounts.keys()];
  }

  /**
   * Up to `size` calls of all accounts, newest first, created before the call whose seq is `before` (from the
   * newest when left out); `more` says whether older ones are left.
   */
  page(size: number, before = Number.POSITIVE_INFINITY): { calls: CallRecord[]; more: boolean } {
    const all = [...this.kept];
    // Seqs grow in creation order: the first call at or past `before` ends the page.
    let low = 0;
    let high = all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((all[middle] as CallRecord).seq < before) low = middle + 1;
      else high = middle;
    }
    const start = Math.max(0, low - size);
    return { calls: all.slice(start, low).reverse(), more: start > 0 };
  }

  /** Sets how calls to a number end, for calls created from now on. */
  setOutcomeForTo(accountSid: string, to: string, scenario: Partial<Scenario>): Scenario {
    const account = this.account(accountSid);
    const merged = { ...(account.outcomesByTo.get(to) ?? SCENARIO_NUMBERS[to] ?? DEFAULT_SCENARIO), ...scenario };
    account.outcomesByTo.set(to, merged);
    return merged;
  }

  /** Sets how one call ends; only while it has not been answered. */
  setOutcomeForCall(accountSid: string, sid: string, scenario: Partial<Scenario>): CallRecord | StoreError {
    const call = this.get(accountSid, sid);
    if (!call) return notFound(sid);
    if (call.status !== "queued") {
      return {
        status: 409,
        code: 20409,
        message: `The call is ${call.status}; an outcome can be set only while it is queued`,
      };
    }
    call.scenario = { ...call.scenario, ...scenario };
    return call;
  }

  /** Forgets every call (of one account, when given), and cancels what they had pending. */
  reset(accountSid?: string): void {
    const accounts = accountSid === undefined ? [...this.accounts.values()] : [this.accounts.get(accountSid)];
    for (const account of accounts) {
      for (const call of account?.calls.values() ?? []) {
        this.clearTimers(call);
        this.forget(call);
      }
    }
    if (accountSid === undefined) this.accounts.clear();
    else this.accounts.delete(accountSid);
  }

  /** Drops a call from the store's records; its timers are already cleared or done. */
  private forget(call: CallRecord): void {
    this.accounts.get(call.accountSid)?.calls.delete(call.sid);
    this.kept.delete(call);
    if (!LIVE_STATUSES.has(call.status)) this.finishedCount -= 1;
  }

  /** Lets the oldest finished call go to make room under both bounds, or says why a create is refused. */
  private makeRoom(account: Account): StoreError | undefined {
    if (account.calls.size >= this.maxCallsPerAccount && !this.evictOldestFinished(account.calls.values())) {
      const message = `The mock keeps at most ${this.maxCallsPerAccount} calls per account and all of them are live`;
      return { status: 429, code: 20429, message };
    }
    if (this.kept.size >= this.maxCalls && (this.finishedCount === 0 || !this.evictOldestFinished(this.kept))) {
      const message =
        `The mock keeps at most ${this.maxCalls} calls across all accounts (maxCalls) and all of them are live; ` +
        "end or delete some, reset the mock, or start it with a larger maxCalls";
      return { status: 429, code: 20429, message };
    }
    return undefined;
  }

  /** Forgets the first finished call of `calls` (oldest first), and says whether there was one. */
  private evictOldestFinished(calls: Iterable<CallRecord>): boolean {
    for (const call of calls) {
      if (!LIVE_STATUSES.has(call.status)) {
        this.forget(call);
        this.onEvict?.(call);
        return true;
      }
    }
    return false;
  }

  /** The call's price once it ended, as Twilio writes it: negative decimal text, per started minute. */
  static price(call: CallRecord): string | null {
    if (call.status !== "completed" || call.answeredAt === undefined || call.endTime === undefined) return null;
    const minutes = Math.max(1, Math.ceil((call.endTime - call.answeredAt) / 60_000));
    return (-minutes * PRICE_PER_MINUTE).toFixed(5);
  }

  /** Whole seconds from answer to hang-up; null for a call never answered or still going (Twilio's reference). */
  static duration(call: CallRecord): string | null {
    if (call.answeredAt === undefined || call.endTime === undefined) return null;
    return String(Math.round((call.endTime - call.answeredAt) / 1000));
  }
}

export function notFound(sid: string): StoreError {
  return { status: 404, code: 20404, message: `The requested resource /Calls/${sid}.json was not found` };
}

export function isStoreError(value: unknown): value is StoreError {
  return typeof value === "object" && value !== null && "code" in value && "status" in value && "message" in value;
}
