// The admin API's operations for the call simulator (openapi/mock-admin.yaml, tag Simulator): the account's auth
// token, its numbers and TwiML Apps, an inbound call placed, the caller's keys, words and hang-up, and a text to a
// number (with its timeline). Each responds
// once the app has responded to the requests the step led to, so that a test reads the call's
// timeline as the call stands.
import type { AdminHandler, AdminOperationId } from "./admin-request.js";
import { AdminError, sendAdmin } from "./admin-response.js";
import { timelineView } from "./admin-views.js";
import { renderCall } from "./render.js";
import { SPEECH_CONFIDENCE } from "./simulator/defaults.js";
import { isRefusal, type Refusal } from "./simulator/ports.js";
import type { CallRecord } from "./store.js";

type SimulatorOperation =
  | "setAccount"
  | "setNumber"
  | "setApplication"
  | "placeInboundCall"
  | "pressDigits"
  | "saySpeech"
  | "hangUp"
  | "receiveText"
  | "getText";

function refused(outcome: unknown): asserts outcome is Exclude<typeof outcome, Refusal> {
  if (isRefusal(outcome)) throw new AdminError(outcome.status, outcome.message);
}

/** One of the caller's steps: taken once the app responded to earlier requests; its response is the timeline. */
const callerStep =
  <Id extends "pressDigits" | "saySpeech" | "hangUp">(
    step: (...args: Parameters<AdminHandler<Id>>) => Refusal | undefined,
  ): AdminHandler<Id> =>
  async (mock, input, res) => {
    await mock.simulator.idle();
    refused(step(mock, input, res));
    await mock.simulator.idle();
    sendAdmin(res, 200, timelineView(mock, input.path.AccountSid, input.path.Sid));
  };

export const SIMULATOR_HANDLERS: { [Id in SimulatorOperation & AdminOperationId]: AdminHandler<Id> } = {
  setAccount(mock, { path, body }, res) {
    mock.simulator.accounts.setToken(path.AccountSid, body.authToken);
    sendAdmin(res, 204);
  },
  setNumber(mock, { path, body }, res) {
    const number = mock.simulator.accounts.setNumber(path.AccountSid, path.PhoneNumber, body);
    refused(number);
    sendAdmin(res, 200, number);
  },
  setApplication(mock, { path, body }, res) {
    const app = mock.simulator.accounts.setApplication(path.AccountSid, path.ApplicationSid, body);
    refused(app);
    sendAdmin(res, 200, app);
  },
  async placeInboundCall(mock, { path, body }, res) {
    await mock.simulator.idle();
    const call = mock.simulator.placeInbound(path.AccountSid, body);
    refused(call);
    // The call as it was placed; the response waits for its first document to be requested and run.
    const placed = renderCall(call as CallRecord);
    await mock.simulator.idle();
    sendAdmin(res, 201, placed);
  },
  pressDigits: callerStep((mock, { path, body }) => mock.simulator.press(path.AccountSid, path.Sid, body.digits)),
  saySpeech: callerStep((mock, { path, body }) =>
    mock.simulator.speak(path.AccountSid, path.Sid, body.text, body.confidence ?? SPEECH_CONFIDENCE),
  ),
  hangUp: callerStep((mock, { path }) => mock.simulator.hangUp(path.AccountSid, path.Sid)),
  async receiveText(mock, { path, body }, res) {
    const timeline = await mock.simulator.texts.receive(path.AccountSid, body);
    refused(timeline);
    sendAdmin(res, 201, timeline);
  },
  getText(mock, { path }, res) {
    const timeline = mock.simulator.texts.timeline(path.AccountSid, path.Sid);
    refused(timeline);
    sendAdmin(res, 200, timeline);
  },
};
