// What the admin API shows of the stateful mock: the clock, one call's timeline, and the whole state the inspector
// draws. Dates are RFC 2822, as Twilio writes them, beside milliseconds for a program to compare.
import { rfc2822 } from "../callbacks.js";
import { AdminError } from "./admin-response.js";
import type { Clock } from "./clock.js";
import { renderCall } from "./render.js";
import type { StatefulMock } from "./runtime.js";
import { SCENARIO_NUMBERS } from "./scenarios.js";

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
  };
}

export function stateView(mock: StatefulMock) {
  return {
    clock: clockView(mock.clock),
    scenarioNumbers: Object.fromEntries(Object.entries(SCENARIO_NUMBERS).map(([number, s]) => [number, s.says])),
    accounts: mock.store.accountSids().map((accountSid) => ({
      accountSid,
      calls: mock.store.list(accountSid).map((call) => ({
        ...renderCall(call),
        transitions: call.timeline.map((t) => ({ from: t.from ?? null, to: t.to, atMs: t.at, note: t.note ?? null })),
        callbacks: mock.callbacksOf(call.sid),
      })),
    })),
    requests: mock.journal.list().slice(0, STATE_REQUESTS),
  };
}
