// The stateful mock as one object: the store, the clock that drives it, the status callbacks its transitions send
// (in order, signed, loopback only, each receiver's answer kept), the request journal and the event stream. Its
// responder answers the five Calls operations from state; with checkAnswers every answer is first validated
// against the Calls spec, so state can never produce a body the contract forbids.
import type { components } from "../../../generated/mock-admin.js";
import { type ValidationResult, validateResponse } from "../../validation/index.js";
import {
  callbackTarget,
  deliverAndLog,
  type Log,
  mayCallBack,
  progressParams,
  requestedEvents,
  shownUrl,
} from "../callbacks.js";
import { specDefaultNumber } from "../calls-spec.js";
import { twilioError } from "../errors.js";
import { type AcceptedRequest, jsonAnswer, type MockAnswer, type Responder } from "../front.js";
import { type Clock, type ClockOptions, createClock } from "./clock.js";
import { EventHub } from "./events.js";
import { Journal } from "./journal.js";
import { renderCall } from "./render.js";
import { type CallRecord, CallStore, isStoreError, notFound, type StoreError, type Transition } from "./store.js";

export interface StatefulOptions {
  clock?: ClockOptions;
  callsPerSecond?: number;
  maxCallsPerAccount?: number;
  seed?: string;
  /** Validate every answer against the Calls spec before it is sent; a broken one becomes a 500 naming why. */
  checkAnswers?: boolean;
  log: Log;
  /** Sends one status callback; by default over HTTP (signed, loopback only). Tests may record them instead. */
  deliver?: typeof deliverAndLog;
}

/** One status callback as the mock sent it, and what the receiver answered: the admin API's Callback, as it serves it. */
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

const errorAnswer = (e: StoreError) => jsonAnswer(e.status, twilioError(e.status, e.code, e.message));

/** E.164 for a number sent with separators, as Twilio stores it; anything else as given. */
function normalized(address: string): string {
  return /^\+[0-9 ().-]+$/.test(address) ? address.replace(/[^0-9+]/g, "") : address;
}

function dayRange(text: string): [number, number] | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : [start, start + 86_400_000 - 1];
  }
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : [instant, instant];
}

/** listCalls' filters on a call's start or end time: on the day (or at the time), on or before, on or after. */
function timeFilters(query: Record<string, unknown>, field: "StartTime" | "EndTime", value: number | undefined) {
  for (const [suffix, test] of [
    ["", (r: [number, number]) => value !== undefined && value >= r[0] && value <= r[1]],
    ["<", (r: [number, number]) => value !== undefined && value <= r[1]],
    [">", (r: [number, number]) => value !== undefined && value >= r[0]],
  ] as const) {
    const given = query[`${field}${suffix}`];
    const range = typeof given === "string" ? dayRange(given) : undefined;
    // Text the mock cannot read as a time filters nothing out (the front layer has already warned about it).
    if (range && !test(range)) return false;
  }
  return true;
}

export function createStatefulMock(options: StatefulOptions) {
  const clock: Clock = createClock(options.clock ?? { mode: "real" });
  const hub = new EventHub();
  const journal = new Journal();
  const plans = new Map<string, CallbackPlan>();
  const callbacks = new Map<string, CallbackRecord[]>();
  const send = options.deliver ?? deliverAndLog;
  const defaultPageSize = specDefaultNumber("listCalls", "query", "PageSize");

  function deliver(call: CallRecord, transition: Transition): void {
    const plan = plans.get(call.sid);
    if (!plan) return;
    for (const event of transition.events) {
      if (!plan.events.has(event.name)) continue;
      const sequence = plan.sequence++;
      const extra: Record<string, string> = {};
      if (event.name === "completed") {
        const duration = CallStore.duration(call);
        extra.CallDuration = duration ?? "0";
        extra.Duration = String(Math.ceil(Number(duration ?? 0) / 60));
      }
      if (call.answeredBy && event.name !== "initiated" && event.name !== "ringing") extra.AnsweredBy = call.answeredBy;
      const params = progressParams({
        callSid: call.sid,
        accountSid: call.accountSid,
        from: call.from,
        to: call.to,
        callStatus: event.callStatus,
        sequence,
        timestamp: transition.at,
        extra,
      });
      const record: CallbackRecord = {
        event: event.name,
        callStatus: event.callStatus,
        sequence,
        at: transition.at,
        url: shownUrl(plan.target.url),
      };
      const list = callbacks.get(call.sid) ?? [];
      list.push(record);
      callbacks.set(call.sid, list);
      plan.chain = plan.chain.then(async () => {
        Object.assign(record, await send(plan.target, event.name, params, plan.authToken, options.log));
        hub.publish("callback", () => ({ callSid: call.sid, accountSid: call.accountSid, ...record }));
      });
    }
  }

  const store = new CallStore({
    clock,
    ...(options.callsPerSecond === undefined ? {} : { callsPerSecond: options.callsPerSecond }),
    ...(options.maxCallsPerAccount === undefined ? {} : { maxCallsPerAccount: options.maxCallsPerAccount }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    onEvict(call) {
      plans.delete(call.sid);
      callbacks.delete(call.sid);
    },
    onTransition(call, transition) {
      deliver(call, transition);
      hub.publish("call", () => ({ ...renderCall(call), transition: { ...transition } }));
    },
  });

  function checked(operationId: AcceptedRequest["operationId"], answer: MockAnswer): MockAnswer {
    if (!options.checkAnswers) return answer;
    const body = answer.body === "" ? undefined : JSON.parse(answer.body);
    const result: ValidationResult = validateResponse(operationId, answer.status, body);
    if (result.valid && result.warnings.length === 0) return answer;
    const problems = [...result.violations, ...result.warnings].map((v) => v.message).join("; ");
    options.log(`the stateful mock's own answer breaks the spec: ${problems}`);
    return jsonAnswer(500, twilioError(500, 20500, `The mock's answer to ${operationId} breaks the spec: ${problems}`));
  }

  function listPage(accountSid: string, query: Record<string, unknown>): MockAnswer {
    const matches = store.list(accountSid).filter((call) => {
      if (typeof query.To === "string" && call.to !== normalized(query.To)) return false;
      if (typeof query.From === "string" && call.from !== normalized(query.From)) return false;
      if (typeof query.Status === "string" && call.status !== query.Status) return false;
      if (typeof query.ParentCallSid === "string") return false;
      return timeFilters(query, "StartTime", call.startTime) && timeFilters(query, "EndTime", call.endTime);
    });
    const pageSize = typeof query.PageSize === "number" ? query.PageSize : defaultPageSize;
    const page = typeof query.Page === "number" ? query.Page : 0;
    const start = page * pageSize;
    const calls = matches.slice(start, start + pageSize);
    const listUri = `/2010-04-01/Accounts/${accountSid}/Calls.json`;
    const pageUri = (n: number) => `${listUri}?PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PA${n}` : ""}`;
    const more = start + pageSize < matches.length;
    return jsonAnswer(200, {
      calls: calls.map((call) => renderCall(call)),
      page,
      page_size: pageSize,
      start,
      end: start + Math.max(calls.length, 1) - 1,
      uri: pageUri(page),
      first_page_uri: pageUri(0),
      next_page_uri: more ? pageUri(page + 1) : null,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    });
  }

  function answer(request: AcceptedRequest): MockAnswer {
    const accountSid = request.params.AccountSid as string;
    const sid = request.params.Sid as string;
    const form = request.form ?? {};
    switch (request.operationId) {
      case "createCall": {
        const created = store.create(accountSid, {
          To: normalized(String(form.To)),
          From: normalized(String(form.From)),
          ...(typeof form.Timeout === "number" ? { Timeout: form.Timeout } : {}),
          ...(typeof form.TimeLimit === "number" ? { TimeLimit: form.TimeLimit } : {}),
          ...(typeof form.MachineDetection === "string" ? { MachineDetection: form.MachineDetection } : {}),
        });
        if (isStoreError(created)) return errorAnswer(created);
        const target = callbackTarget(form);
        if (target && mayCallBack(target.url, options.log)) {
          const events = new Set<string>(requestedEvents(form));
          plans.set(created.sid, {
            target,
            events,
            authToken: request.authToken,
            sequence: 0,
            chain: Promise.resolve(),
          });
        }
        return jsonAnswer(201, renderCall(created, { justCreated: true }));
      }
      case "fetchCall": {
        const call = store.get(accountSid, sid);
        if (!call) return errorAnswer(notFound(sid));
        return jsonAnswer(200, renderCall(call));
      }
      case "updateCall": {
        const updated = store.update(accountSid, sid, form);
        if (isStoreError(updated)) return errorAnswer(updated);
        const plan = plans.get(sid);
        const target = callbackTarget(form);
        if (plan && target) plan.target = target;
        return jsonAnswer(200, renderCall(updated));
      }
      case "deleteCall": {
        const removed = store.remove(accountSid, sid);
        if (isStoreError(removed)) return errorAnswer(removed);
        plans.delete(sid);
        callbacks.delete(sid);
        return { status: 204, body: "" };
      }
      case "listCalls":
        return listPage(accountSid, request.query);
      default:
        // The retired operations are answered by the front layer (src/mock/legacy.ts) and never reach the store.
        throw new Error(`the stateful mock does not answer ${request.operationId}`);
    }
  }

  const respond: Responder = async (request) => checked(request.operationId, answer(request));

  return {
    respond,
    store,
    clock,
    hub,
    journal,
    /** What the call's callbacks were and what their receivers answered, in order. */
    callbacksOf: (sid: string): CallbackRecord[] => [...(callbacks.get(sid) ?? [])],
    /** Waits until every callback sent so far has been answered (or has failed). */
    async settled(): Promise<void> {
      await Promise.all([...plans.values()].map((p) => p.chain));
    },
    reset(accountSid?: string): void {
      for (const call of accountSid === undefined ? [] : store.list(accountSid)) {
        plans.delete(call.sid);
        callbacks.delete(call.sid);
      }
      if (accountSid === undefined) {
        plans.clear();
        callbacks.clear();
      }
      store.reset(accountSid);
      journal.clear(accountSid);
    },
    stop(): void {
      clock.stop();
    },
  };
}

export type StatefulMock = ReturnType<typeof createStatefulMock>;
