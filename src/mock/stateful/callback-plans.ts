// The stateful mock's status callbacks: which events each call's create asked for and where they go, sent in
// transition order (one after the other, signed with the create's auth token), and how each receiver responded.
// A callback may be delivered otherwise (a variation of the shared delivery): twice, or held back on the mock's
// clock while the call's later callbacks go first. What it keeps to show holds no credential: a callback URL is
// kept without its user information or query values.
import type { components } from "../../../generated/mock-admin.js";
import type { DeliveryVariation } from "../../webhook-delivery.js";
import {
  callbackTarget,
  type deliverAndLog,
  type Log,
  mayCallBack,
  progressParams,
  requestedEvents,
} from "../callbacks.js";
import type { Clock } from "./clock.js";
import type { EventHub } from "./events.js";
import { shownWebhookUrl } from "./simulator/shown-url.js";
import { type CallRecord, CallStore, type ProgressEventOf, type Transition } from "./store.js";

/** One status callback as the mock sent it, and how the receiver responded: the admin API's Callback, as it serves it. */
export type CallbackRecord = components["schemas"]["Callback"];

interface CallbackPlan {
  target: { url: string; method: string };
  events: Set<string>;
  /** The password of the create's credentials; callbacks are signed with it. Never shown. */
  authToken: string;
  sequence: number;
  /** Deliveries go one after the other, in transition order. */
  chain: Promise<void>;
}

/** Which callback is about to be delivered: the call's and the event's names, and its SequenceNumber. */
export interface CallbackSubject {
  accountSid: string;
  callSid: string;
  to: string;
  /** The progress event: initiated, ringing, answered or completed. */
  event: string;
  sequence: number;
}

export interface CallbackPlannerOptions {
  /** Sends one status callback and says how its receiver responded. */
  send: typeof deliverAndLog;
  log: Log;
  /** Hears of every callback once its receiver responded (or failed to). */
  hub: EventHub;
  /** The mock's clock: a held-back callback waits on it. */
  clock?: Pick<Clock, "at" | "now">;
  /** How a call's callback for an event is to be delivered, when not once and in order (injected faults). */
  variationFor?: (callback: CallbackSubject) => DeliveryVariation | undefined;
}

/**
 * The parameters an event's callback carries beyond the common ones: the call's direction (and its parent, for a
 * leg a <Dial> placed), its duration when completed, AnsweredBy.
 */
function extraParams(call: CallRecord, event: ProgressEventOf): Record<string, string> {
  const extra: Record<string, string> = { Direction: call.direction };
  if (call.parentCallSid !== null) extra.ParentCallSid = call.parentCallSid;
  if (event.name === "completed") {
    const duration = CallStore.duration(call);
    extra.CallDuration = duration ?? "0";
    extra.Duration = String(Math.ceil(Number(duration ?? 0) / 60));
  }
  if (call.answeredBy && event.name !== "initiated" && event.name !== "ringing") extra.AnsweredBy = call.answeredBy;
  return extra;
}

/** What queueing a callback needs of the planner. */
interface Queue {
  options: CallbackPlannerOptions;
  sent: Map<string, CallbackRecord[]>;
  /** Held-back callbacks once their wait is over: settled() waits for them, not for a wait a manual clock holds. */
  loose: Set<Promise<void>>;
  /** The cancels of the callbacks still held back, by call: a forgotten call's are never delivered. */
  held: Map<string, Set<() => void>>;
}

/** The record of one callback, kept with the call's others; its delivery fills in the receiver's response. */
function recordOf(queue: Queue, call: CallRecord, plan: CallbackPlan, event: ProgressEventOf, at: number) {
  const record: CallbackRecord = {
    event: event.name,
    callStatus: event.callStatus,
    sequence: plan.sequence++,
    at,
    url: shownWebhookUrl(plan.target.url),
  };
  const list = queue.sent.get(call.sid) ?? [];
  list.push(record);
  queue.sent.set(call.sid, list);
  return record;
}

/** Runs `fn` after `ms` on the mock's clock (real time without one); returns a function that cancels it. */
function after(clock: CallbackPlannerOptions["clock"], ms: number, fn: () => void): () => void {
  if (clock) return clock.at(clock.now() + ms, fn);
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
}

/** Holds a callback back `ms`, then delivers it, unless the call is forgotten first (cancelHeld). */
function holdBack(queue: Queue, callSid: string, ms: number, deliver: () => Promise<void>): void {
  const held = queue.held.get(callSid) ?? new Set();
  queue.held.set(callSid, held);
  const cancel = after(queue.options.clock, ms, () => {
    held.delete(cancel);
    if (held.size === 0) queue.held.delete(callSid);
    const delivered = deliver().finally(() => queue.loose.delete(delivered));
    queue.loose.add(delivered);
  });
  held.add(cancel);
}

/** Cancels the callbacks a call still holds back (every call's when none is named). */
function cancelHeld(queue: Queue, callSid?: string): void {
  const calls = callSid === undefined ? [...queue.held.keys()] : [callSid];
  for (const sid of calls) {
    for (const cancel of queue.held.get(sid) ?? []) cancel();
    queue.held.delete(sid);
  }
}

/** Records one callback and queues its delivery behind the call's earlier ones, or holds it back out of line. */
function enqueue(queue: Queue, call: CallRecord, plan: CallbackPlan, event: ProgressEventOf, at: number): void {
  const { send, log, hub, variationFor } = queue.options;
  const record = recordOf(queue, call, plan, event, at);
  const { sid: callSid, accountSid, from, to } = call;
  const params = progressParams({
    callSid,
    accountSid,
    from,
    to,
    callStatus: event.callStatus,
    sequence: record.sequence,
    timestamp: at,
    extra: extraParams(call, event),
  });
  const variation = variationFor?.({ accountSid, callSid, to, event: event.name, sequence: record.sequence });
  const target = plan.target;
  const deliver = async () => {
    const delivery = variation ? { variation: { ...variation, holdBackMs: 0 } } : {};
    Object.assign(record, await send(target, event.name, params, plan.authToken, log, delivery));
    hub.publish("callback", () => ({ callSid, accountSid, ...record }));
  };
  if (!variation?.holdBackMs) {
    plan.chain = plan.chain.then(deliver);
    return;
  }
  // Out of the call's chain: the callbacks after it go first, in order.
  holdBack(queue, callSid, variation.holdBackMs, deliver);
}

export function createCallbackPlanner(options: CallbackPlannerOptions) {
  const { log } = options;
  const plans = new Map<string, CallbackPlan>();
  const sent = new Map<string, CallbackRecord[]>();
  const queue: Queue = { options, sent, loose: new Set(), held: new Map() };
  const { loose } = queue;

  return {
    /** Remembers where a created call's callbacks go, when the create asked for any the mock may send. */
    plan(sid: string, form: Record<string, unknown>, authToken: string): void {
      const target = callbackTarget(form);
      if (!target || !mayCallBack(target.url, log)) return;
      plans.set(sid, {
        target,
        events: new Set(requestedEvents(form)),
        authToken,
        sequence: 0,
        chain: Promise.resolve(),
      });
    },
    /** An update that names a new StatusCallback sends the call's later callbacks there. */
    retarget(sid: string, form: Record<string, unknown>): void {
      const plan = plans.get(sid);
      const target = callbackTarget(form);
      if (plan && target) plan.target = target;
    },
    /** Sends the callbacks a transition fires that the create asked for. */
    deliver(call: CallRecord, transition: Transition): void {
      const plan = plans.get(call.sid);
      if (!plan) return;
      for (const event of transition.events)
        if (plan.events.has(event.name)) enqueue(queue, call, plan, event, transition.at);
    },
    /** What the call's callbacks were and how their receivers responded, in order. */
    callbacksOf: (sid: string): CallbackRecord[] => [...(sent.get(sid) ?? [])],
    /** Waits until every callback sent so far has had a response (or has failed). */
    async settled(): Promise<void> {
      await Promise.all([...[...plans.values()].map((p) => p.chain), ...loose]);
    },
    /** Forgets a call's plan, the callbacks it sent, and those it still holds back (never delivered now). */
    forget(sid: string): void {
      plans.delete(sid);
      sent.delete(sid);
      cancelHeld(queue, sid);
    },
    forgetAll(): void {
      plans.clear();
      sent.clear();
      cancelHeld(queue);
    },
  };
}

export type CallbackPlanner = ReturnType<typeof createCallbackPlanner>;
