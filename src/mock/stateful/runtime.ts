// The stateful mock as one object, built from its parts: the store of calls and the one clock that drives it, the
// status callbacks its transitions send (callback-plans.ts), the call simulator that runs the TwiML of calls whose
// instructions are on this machine (simulator/), listCalls' pages (list-page.ts), the handlers of the five Calls
// operations (calls-operations.ts), the request journal, the faults in place (../faults/) and the event stream.
// With checkResponses every response is first validated against the Calls spec (spec-check.ts).

import type { WebhookSender } from "../../webhook-delivery.js";
import { deliverAndLog, type Log } from "../callbacks.js";
import { callbackVariationOf } from "../faults/callback-variation.js";
import { FaultRegistry } from "../faults/registry.js";
import { servingRetired } from "../legacy.js";
import type { Responder } from "../responder.js";
import { authRefusal } from "./account-auth.js";
import { createCallbackPlanner } from "./callback-plans.js";
import { type CallsState, dispatchCalls, KEPT_RETIRED_OPERATIONS } from "./calls-operations.js";
import { type ClockOptions, createClock } from "./clock.js";
import { EventHub } from "./events.js";
import { Journal } from "./journal.js";
import { createListPager } from "./list-page.js";
import { renderCall } from "./render.js";
import { createSimulator, type Simulator } from "./simulator/simulator.js";
import { specChecked } from "./spec-check.js";
import { CallStore, type StoreOptions } from "./store.js";

export type { CallbackRecord } from "./callback-plans.js";

export interface StatefulOptions {
  clock?: ClockOptions;
  callsPerSecond?: number;
  maxCallsPerAccount?: number;
  maxCalls?: number;
  seed?: string;
  /** Validate every response against the Calls spec before it is sent; a broken one becomes a 500 naming why. */
  checkResponses?: boolean;
  log: Log;
  /** Sends one status callback; by default over HTTP (signed, loopback only). Tests may record them instead. */
  deliver?: typeof deliverAndLog;
  /** The faults in place from the start (startMock's `faults` option); an empty registry when left out. */
  faults?: FaultRegistry;
  /** Sends one of the simulator's signed requests to the app; by default over HTTP. Tests may respond to them instead. */
  send?: WebhookSender;
}

/** The store's settings the caller gave; the store's own defaults stand for the rest. */
function storeSettings(
  options: StatefulOptions,
): Pick<StoreOptions, "callsPerSecond" | "maxCallsPerAccount" | "maxCalls" | "seed"> {
  return {
    ...(options.callsPerSecond === undefined ? {} : { callsPerSecond: options.callsPerSecond }),
    ...(options.maxCallsPerAccount === undefined ? {} : { maxCallsPerAccount: options.maxCallsPerAccount }),
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
}

/**
 * Moves a manual clock forward with the simulator's requests in step: the clock stops at a timer that started one,
 * and goes on once the app has responded, so that on a manual clock a request to the app takes no mock time.
 */
async function advanceInStep(clock: ReturnType<typeof createClock>, simulator: Simulator, ms: number): Promise<void> {
  await simulator.idle();
  for (let left = ms; ; ) {
    left = clock.advance(left, simulator.busy);
    if (!simulator.busy() && left === 0) return;
    await simulator.idle();
  }
}

/** What reset forgets: every call (of one account, when given), its callbacks and journal, the faults naming it. */
function resetState(
  parts: Pick<CallsState, "store" | "callbacks" | "simulator"> & { journal: Journal; faults: FaultRegistry },
  accountSid?: string,
): void {
  const { store, callbacks, simulator, journal, faults } = parts;
  if (accountSid === undefined) callbacks.forgetAll();
  else
    for (const call of store.list(accountSid)) {
      callbacks.forget(call.sid);
      simulator.forget(call.sid);
    }
  simulator.reset(accountSid);
  store.reset(accountSid);
  journal.clear(accountSid);
  faults.clear(accountSid);
  faults.forgetFirings(accountSid);
}

export function createStatefulMock(options: StatefulOptions) {
  const clock = createClock(options.clock ?? { mode: "real" });
  const hub = new EventHub();
  const journal = new Journal();
  // Request faults act in the front layer; callback faults are asked for by the delivery of callbacks.
  const faults = options.faults ?? new FaultRegistry();
  const callbacks = createCallbackPlanner({
    send: options.deliver ?? deliverAndLog,
    log: options.log,
    hub,
    clock,
    variationFor: callbackVariationOf(faults),
  });
  // The store tells the simulator of answers and transitions; the simulator is made once the store is there.
  let simulator: Simulator | undefined;
  const store = new CallStore({
    clock,
    ...storeSettings(options),
    onEvict(call) {
      callbacks.forget(call.sid);
      simulator?.forget(call.sid);
    },
    onTransition(call, transition) {
      callbacks.deliver(call, transition);
      hub.publish("call", () => ({ ...renderCall(call), transition: { ...transition } }));
      simulator?.hear(call, transition);
    },
    onAnswer: (call) => simulator?.answered(call),
  });
  const sim = createSimulator({
    calls: store,
    clock,
    callbacks,
    events: hub,
    ...(options.send === undefined ? {} : { send: options.send }),
  });
  simulator = sim;
  const state: CallsState = { store, callbacks, simulator: sim, listPage: createListPager(store) };
  const respond: Responder = servingRetired(async (request) => {
    // The password of the account's last request signs the simulator's requests, unless the admin API set one.
    const refused = authRefusal(sim.accounts, request);
    if (refused) return refused;
    const accountSid = request.params.AccountSid;
    if (accountSid !== undefined) sim.accounts.hear(accountSid, request.authToken);
    const response = dispatchCalls(state, request);
    return options.checkResponses ? specChecked(request.operationId, response, options.log) : response;
  }, KEPT_RETIRED_OPERATIONS);

  return {
    respond,
    store,
    clock,
    hub,
    journal,
    faults,
    simulator: sim,
    /** What the call's callbacks were and how their receivers responded, in order. */
    callbacksOf: callbacks.callbacksOf,
    /** Waits until every callback sent so far has had a response (or has failed), and every simulator request. */
    async settled(): Promise<void> {
      await sim.idle();
      await callbacks.settled();
    },
    /** Moves a manual clock forward; the simulator's requests take no mock time. */
    advance: (ms: number) => advanceInStep(clock, sim, ms),
    /**
     * Forgets every call (of one account, when given), with its callbacks, the requests the journal kept, and the
     * faults in place (those whose match names the account).
     */
    reset: (accountSid?: string) => resetState({ store, callbacks, simulator: sim, journal, faults }, accountSid),
    stop(): void {
      clock.stop();
      sim.reset();
    },
  };
}

export type StatefulMock = ReturnType<typeof createStatefulMock>;
