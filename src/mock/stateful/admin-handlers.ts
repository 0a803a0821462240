// The admin API's operations, one small handler each, keyed by the operationIds of openapi/mock-admin.yaml: the
// type check fails when the document gains an operation that has no handler here. Each handler gets its request
// already checked against the document (admin-request.ts). The call simulator's (the caller, numbers, apps) are in
// admin-simulator.ts, the faults' in admin-faults.ts.
import { streamEvents } from "./admin-events.js";
import { FAULT_HANDLERS } from "./admin-faults.js";
import type { AdminHandler, AdminOperationId } from "./admin-request.js";
import { AdminError, sendAdmin } from "./admin-response.js";
import { SIMULATOR_HANDLERS } from "./admin-simulator.js";
import { clockView, stateView, timelineView } from "./admin-views.js";
import { isStoreError } from "./store.js";

export const ADMIN_HANDLERS: { [Id in AdminOperationId]: AdminHandler<Id> } = {
  ...SIMULATOR_HANDLERS,
  ...FAULT_HANDLERS,
  getClock: (mock, _input, res) => sendAdmin(res, 200, clockView(mock.clock)),
  async advanceClock(mock, { body }, res) {
    if (mock.clock.mode !== "manual") {
      const message = `the clock runs on ${mock.clock.mode} time; start the mock with a manual clock to advance it`;
      throw new AdminError(409, message);
    }
    // The simulator's requests to apps are answered on the way: they take no mock time.
    await mock.advance(body.ms);
    mock.hub.publish("clock", () => clockView(mock.clock));
    sendAdmin(res, 200, clockView(mock.clock));
  },
  reset(mock, { body }, res) {
    mock.reset(body.accountSid);
    sendAdmin(res, 204);
  },
  getState: (mock, { query }, res) => sendAdmin(res, 200, stateView(mock, query)),
  getJournal: (mock, { query }, res) => sendAdmin(res, 200, { requests: mock.journal.list(query) }),
  getEvents: (mock, _input, res) => streamEvents(mock, res),
  getTimeline: (mock, { path }, res) => sendAdmin(res, 200, timelineView(mock, path.AccountSid, path.Sid)),
  setCallOutcome(mock, { path, body }, res) {
    const updated = mock.store.setOutcomeForCall(path.AccountSid, path.Sid, body);
    if (isStoreError(updated)) throw new AdminError(updated.status, updated.message);
    sendAdmin(res, 200, timelineView(mock, path.AccountSid, updated.sid));
  },
  setOutcomeForTo(mock, { path, body }, res) {
    const scenario = mock.store.setOutcomeForTo(path.AccountSid, path.To, body);
    sendAdmin(res, 200, { to: path.To, scenario });
  },
};
