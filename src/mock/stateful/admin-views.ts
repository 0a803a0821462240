// What the admin API shows of the stateful mock: the clock, one call's timeline (with the simulator's conversation
// of it), and the state the inspector draws,
// a page of calls at a time. Dates are RFC 2822, as Twilio writes them, beside milliseconds for a program to compare.
import type { operations } from "../../../generated/mock-admin.js";
import { rfc2822 } from "../callbacks.js";
import { AdminError } from "./admin-response.js";
import type { Clock } from "./clock.js";
import { renderCall } from "./render.js";
import type { StatefulMock } from "./runtime.js";
import { SCENARIO_NUMBERS } from "./scenarios.js";
import type { CallRecord } from "./store.js";

/** The requests the state shows, newest first; the journal itself is read through /journal. */
const STATE_REQUESTS = 200;

export function clockView(clock: Clock) {
  const now = clock.now();
  return { mode: clock.mode, scale: clock.scale, now: rfc2822(now), nowMs: now };
}

export function timelineView(mock: StatefulMock, accountSid: string, sid: string) {
  const call = mock.store.get(accountSid, sid);
  if (!call) throw new AdminError(404, `no call ${sid} on account ${accountSid}`);
  return {
    call: renderCall(call),
    scenario: call.scenario,
    transitions: call.timeline.map((t) => ({ ...t, from: t.from ?? null, at: rfc2822(t.at), atMs: t.at })),
    callbacks: mock.callbacksOf(sid),
    conversation: mock.simulator.conversationOf(sid),
  };
}

/** The calls a state page holds when its request names no pageSize. */
export const STATE_PAGE_SIZE = 100;

/** What a state request may ask for: its page's size and where it starts (both checked against the document). */
type StatePageQuery = NonNullable<operations["getState"]["parameters"]["query"]>;

/** One call as the state shows it: the Call object with its transitions and its callbacks. */
function stateCall(mock: StatefulMock, call: CallRecord) {
  return {
    ...renderCall(call),
    transitions: call.timeline.map((t) => ({ from: t.from ?? null, to: t.to, atMs: t.at, note: t.note ?? null })),
    callbacks: mock.callbacksOf(call.sid),
  };
}

/** A page of calls grouped by account, each account where its newest call on the page is. */
function byAccount(mock: StatefulMock, calls: CallRecord[]) {
  const accounts = new Map<string, ReturnType<typeof stateCall>[]>();
  for (const call of calls) {
    const shown = accounts.get(call.accountSid) ?? [];
    shown.push(stateCall(mock, call));
    accounts.set(call.accountSid, shown);
  }
  return [...accounts].map(([accountSid, shown]) => ({ accountSid, calls: shown }));
}

/**
 * What the inspector draws: the clock, the latest requests, and a page of calls of all accounts, newest first. A
 * page is cut at a call's place in creation order, so the pages after it hold each older call once however calls
 * come and go meanwhile.
 */
export function stateView(mock: StatefulMock, query: StatePageQuery = {}) {
  const pageSize = query.pageSize === undefined ? STATE_PAGE_SIZE : Number(query.pageSize);
  const { calls, more } = mock.store.page(pageSize, query.before === undefined ? undefined : Number(query.before));
  const last = calls.at(-1);
  return {
    clock: clockView(mock.clock),
    scenarioNumbers: Object.fromEntries(Object.entries(SCENARIO_NUMBERS).map(([number, s]) => [number, s.says])),
    accounts: byAccount(mock, calls),
    requests: mock.journal.list().slice(0, STATE_REQUESTS),
    faults: mock.faults.list().faults,
    nextPage: more && last ? `/__mock/api/state?pageSize=${pageSize}&before=${last.seq}` : null,
  };
}
