// The stateful mock as one object, built from its parts: the store of calls and the one clock that drives it, the
// status callbacks its transitions send (callback-plans.ts), listCalls' pages (list-page.ts), the handlers of the
// five Calls operations (calls-operations.ts), the request journal and the event stream. With checkResponses every
// response is first validated against the Calls spec (spec-check.ts).
import { deliverAndLog, type Log } from "../callbacks.js";
import type { Responder } from "../responder.js";
import { createCallbackPlanner } from "./callback-plans.js";
import { type CallsState, dispatchCalls } from "./calls-operations.js";
import { type ClockOptions, createClock } from "./clock.js";
import { EventHub } from "./events.js";
import { Journal } from "./journal.js";
import { createListPager } from "./list-page.js";
import { renderCall } from "./render.js";
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

export function createStatefulMock(options: StatefulOptions) {
  const clock = createClock(options.clock ?? { mode: "real" });
  const hub = new EventHub();
  const journal = new Journal();
  const callbacks = createCallbackPlanner({ send: options.deliver ?? deliverAndLog, log: options.log, hub });
  const store = new CallStore({
    clock,
    ...storeSettings(options),
    onEvict: (call) => callbacks.forget(call.sid),
    onTransition(call, transition) {
      callbacks.deliver(call, transition);
      hub.publish("call", () => ({ ...renderCall(call), transition: { ...transition } }));
    },
  });
  const state: CallsState = { store, callbacks, listPage: createListPager(store) };
  const respond: Responder = async (request) => {
    const response = dispatchCalls(state, request);
    return options.checkResponses ? specChecked(request.operationId, response, options.log) : response;
  };

  return {
    respond,
    store,
    clock,
    hub,
    journal,
    /** What the call's callbacks were and how their receivers responded, in order. */
    callbacksOf: callbacks.callbacksOf,
    /** Waits until every callback sent so far has had a response (or has failed). */
    settled: callbacks.settled,
    /** Forgets every call (of one account, when given), with its callbacks and the requests the journal kept. */
    reset(accountSid?: string): void {
      if (accountSid === undefined) callbacks.forgetAll();
      else for (const call of store.list(accountSid)) callbacks.forget(call.sid);
      store.reset(accountSid);
      journal.clear(accountSid);
    },
    stop(): void {
      clock.stop();
    },
  };
}

export type StatefulMock = ReturnType<typeof createStatefulMock>;
