// The faults in place: added, listed and deleted through the admin API (or startMock's `faults` option), and asked,
// for each Calls API request, which fault acts on it, and by the delivery of status callbacks, whether a callback
// gets one. Each fault draws from its own random source, seeded by its seed, for everything its match fits (whether
// or not another fault acted): the same seed and the same requests give the same faults. Every firing is counted and kept (the last 1000).
import type { components } from "../../../generated/mock-admin.js";
import { FAULT_KINDS, type FaultKind, type FaultSpec, type FaultView, faultView, specProblem } from "./kinds.js";
import { drawDelay, type LatencyDistribution } from "./latency.js";
import { type Random, seededRandom } from "./random.js";

export type FaultFiring = components["schemas"]["FaultFiring"];
export type JournalFault = components["schemas"]["JournalFault"];

/** How many faults the mock keeps at once; one more is refused with 429. */
export const MAX_FAULTS = 1000;
/** How many firings GET /faults shows. */
export const KEPT_FIRINGS = 1000;

/** A spec the document accepts but the registry cannot keep; its message names the field and the rule. */
export class FaultSpecError extends Error {
  constructor(
    readonly status: 400 | 429,
    message: string,
  ) {
    super(message);
  }
}

/** What a request fault is matched on. */
export interface RequestContext {
  method: string;
  /** The request's path, without its query (the journal keeps the redacted whole). */
  path: string;
  operationId?: string;
  accountSid?: string;
  /** The To of a create's form. */
  to?: string;
}

/** What acts on one request: a delay first, then at most one other fault. */
export interface RequestFaults {
  delayMs: number;
  action: FaultView | undefined;
  /** What the journal keeps of them. */
  journal: JournalFault[];
}

/** What a status callback is matched on, as the delivery code knows it. */
export interface CallbackContext {
  accountSid: string;
  callSid: string;
  /** The call's To. */
  to?: string;
  /** The progress event: initiated, ringing, answered or completed. */
  event: string;
  /** The callback's SequenceNumber. */
  sequence?: number;
}

/**
 * What a callback fault asks of the delivery code: deliver the callback `copies` more times (duplicate-callback), or
 * hold it back `holdMs` on the mock's clock, so that the call's callbacks due meanwhile go first (out-of-order-callback).
 */
export type CallbackFault =
  | { faultId: string; kind: "duplicate-callback"; copies: number }
  | { faultId: string; kind: "out-of-order-callback"; holdMs: number };

interface Kept {
  view: FaultView;
  random: Random;
}

function fits(view: FaultView, context: { operationId?: string; accountSid?: string; to?: string; event?: string }) {
  const { operation, accountSid, to, event } = view.match;
  return (
    (operation === undefined || operation === context.operationId) &&
    (accountSid === undefined || accountSid === context.accountSid) &&
    (to === undefined || to === context.to) &&
    (event === undefined || event === context.event)
  );
}

export class FaultRegistry {
  private readonly kept: Kept[] = [];
  private readonly firings: FaultFiring[] = [];
  private next = 1;
  /** How many kept faults act on requests: none, and a request costs one comparison. */
  private requestFaults = 0;

  add(spec: FaultSpec): FaultView {
    const problem = specProblem(spec);
    if (problem !== undefined) throw new FaultSpecError(400, problem);
    if (this.kept.length >= MAX_FAULTS) {
      throw new FaultSpecError(429, `the mock keeps at most ${MAX_FAULTS} faults; delete some first`);
    }
    const view = faultView(`fault-${this.next++}`, spec);
    this.kept.push({ view, random: seededRandom(view.seed) });
    if (FAULT_KINDS[view.kind].role !== "callback") this.requestFaults++;
    return { ...view };
  }

  list(): { faults: FaultView[]; fired: FaultFiring[] } {
    return { faults: this.kept.map((k) => ({ ...k.view })), fired: [...this.firings].reverse() };
  }

  /** Deletes one fault; false when there is none with this id. */
  remove(id: string): boolean {
    const index = this.kept.findIndex((k) => k.view.id === id);
    if (index < 0) return false;
    this.forget(index);
    return true;
  }

  /** Deletes every fault, or those whose match names the account; the record of firings stays. */
  clear(accountSid?: string): void {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      if (accountSid === undefined || this.kept[i]?.view.match.accountSid === accountSid) this.forget(i);
    }
  }

  /** Forgets the record of firings (of one account's requests, when given). */
  forgetFirings(accountSid?: string): void {
    const kept = this.firings.filter(
      (f) => accountSid !== undefined && (f.request?.accountSid ?? f.callback?.accountSid) !== accountSid,
    );
    this.firings.splice(0, this.firings.length, ...kept);
  }

  /**
   * The faults that act on one Calls API request, or undefined (at once when no request fault is kept). Every fault
   * whose match fits draws, a latency its delay too, whether or not an earlier one fired: one fault's draws never
   * depend on another's. Then the first latency and the first other fault that fired act.
   */
  forRequest(context: RequestContext): RequestFaults | undefined {
    if (this.requestFaults === 0) return undefined;
    let delay: { fault: FaultView; ms: number } | undefined;
    let action: FaultView | undefined;
    for (const kept of this.kept) {
      const role = FAULT_KINDS[kept.view.kind].role;
      if (role === "callback" || !this.fires(kept, context)) continue;
      if (role !== "delay") action ??= kept.view;
      else {
        const ms = drawDelay(kept.view as LatencyDistribution, kept.random);
        delay ??= { fault: kept.view, ms };
      }
    }
    if (!delay && !action) return undefined;
    const request = { method: context.method, target: context.path, ...definedOf(context) };
    const journal: JournalFault[] = [];
    if (delay) journal.push(this.record(delay.fault, { request, delayMs: delay.ms }));
    if (action) journal.push(this.record(action, { request }));
    return { delayMs: delay?.ms ?? 0, action, journal };
  }

  /**
   * Whether a status callback gets a fault, and which: the one function the delivery code asks, once per callback
   * before it is sent. Undefined when none fires.
   */
  forCallback(context: CallbackContext): CallbackFault | undefined {
    // Every callback fault that fits draws, as for requests; the first that fired acts.
    const fired = this.kept.filter((k) => FAULT_KINDS[k.view.kind].role === "callback" && this.fires(k, context));
    const view = fired[0]?.view;
    if (!view) return undefined;
    const { accountSid, callSid, event, sequence } = context;
    const callback = { accountSid, callSid, event, ...(sequence === undefined ? {} : { sequence }) };
    this.record(view, { callback });
    return view.kind === "duplicate-callback"
      ? { faultId: view.id, kind: "duplicate-callback", copies: view.copies ?? 1 }
      : { faultId: view.id, kind: "out-of-order-callback", holdMs: view.holdMs ?? 5000 };
  }

  get size(): number {
    return this.kept.length;
  }

  /** Whether the fault fires on what it was asked about: its match fits, it has firings left, and the draw says so. */
  private fires(kept: Kept, context: Parameters<typeof fits>[1]): boolean {
    const { view } = kept;
    if (!fits(view, context) || (view.times !== null && view.fired >= view.times)) return false;
    // Drawn even at probability 1, so that one fault's sequence does not depend on its probability's value.
    const probability = view.probability ?? 1;
    return kept.random() < probability || probability === 1;
  }

  private record(view: FaultView, about: Pick<FaultFiring, "request" | "callback" | "delayMs">): JournalFault {
    view.fired++;
    this.firings.push({ at: Date.now(), faultId: view.id, kind: view.kind, ...about });
    if (this.firings.length > KEPT_FIRINGS) this.firings.shift();
    return { id: view.id, kind: view.kind, ...(about.delayMs === undefined ? {} : { delayMs: about.delayMs }) };
  }

  private forget(index: number): void {
    const [gone] = this.kept.splice(index, 1);
    if (gone && FAULT_KINDS[gone.view.kind].role !== "callback") this.requestFaults--;
  }
}

function definedOf(context: RequestContext): { operationId?: string; accountSid?: string } {
  return {
    ...(context.operationId === undefined ? {} : { operationId: context.operationId }),
    ...(context.accountSid === undefined ? {} : { accountSid: context.accountSid }),
  };
}

export type { FaultKind, FaultSpec, FaultView };
