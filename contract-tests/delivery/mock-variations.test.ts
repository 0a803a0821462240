// The stateful mock's callbacks delivered otherwise, as the fault kinds duplicate-callback and out-of-order-callback
// will ask (the stateful mock's callbackVariation option, which the admin API's faults set): a callback delivered
// twice with one token, and a callback held back on the mock's manual clock while the call's later ones go first.
import { describe, expect, it } from "vitest";
import { IDEMPOTENCY_TOKEN_HEADER, parseWebhook } from "../../src/index.js";
import type { AcceptedRequest } from "../../src/mock/responder.js";
import { createStatefulMock } from "../../src/mock/stateful/runtime.js";
import type { DeliveryVariation } from "../../src/webhook-delivery.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { startHttpServer, type TestServer } from "../support/http-server.js";
import { answering, header } from "./events.js";

const ACCOUNT = `AC${"1".repeat(32)}`;
const EVENTS = ["initiated", "ringing", "answered", "completed"];

/** A stateful mock on a manual clock whose callbacks for `event` are delivered with `variation`. */
async function placeCall(receiver: TestServer, event: string, variation: DeliveryVariation) {
  const mock = createStatefulMock({
    clock: { mode: "manual", start: Date.UTC(2026, 10, 25) },
    log: () => undefined,
    callbackVariation: (_sid, name) => (name === event ? variation : undefined),
  });
  const form = {
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/twiml",
    StatusCallback: `${receiver.baseUrl}/status`,
    StatusCallbackEvent: EVENTS,
  };
  const create: AcceptedRequest = {
    operationId: "createCall",
    method: "POST",
    target: "",
    headers: {},
    body: "",
    params: { AccountSid: ACCOUNT },
    query: {},
    form,
    authToken: AUTH_TOKEN,
  };
  await mock.respond(create);
  return mock;
}

const sequenceOf = (receiver: TestServer) =>
  receiver.requests.map(
    (r) =>
      parseWebhook("statusCallback", {
        url: `${receiver.baseUrl}${r.url}`,
        body: r.body,
        signature: header(r, "X-Twilio-Signature"),
        authToken: AUTH_TOKEN,
      }).SequenceNumber,
  );

describe("the stateful mock's callbacks, delivered otherwise", () => {
  it("delivers a duplicated callback twice, with one token, in its place in the call's order", async () => {
    const receiver = await startHttpServer(answering(204));
    const mock = await placeCall(receiver, "ringing", { duplicate: true });
    await mock.advance(35_000);
    await mock.settled();
    expect(sequenceOf(receiver)).toEqual([0, 1, 1, 2, 3]);
    const tokens = receiver.requests.map((r) => header(r, IDEMPOTENCY_TOKEN_HEADER));
    expect(tokens[1]).toBe(tokens[2]);
    expect(new Set(tokens).size).toBe(4);
    mock.stop();
  });

  it("holds a callback back on the mock's clock while the later ones go first", async () => {
    const receiver = await startHttpServer(answering(204));
    const mock = await placeCall(receiver, "initiated", { holdBackMs: 60_000 });
    await mock.advance(35_000);
    await mock.settled();
    expect(sequenceOf(receiver)).toEqual([1, 2, 3]);
    await mock.advance(25_000);
    await mock.settled();
    expect(sequenceOf(receiver)).toEqual([1, 2, 3, 0]);
    expect([...sequenceOf(receiver)].sort()).toEqual([0, 1, 2, 3]);
    mock.stop();
  });
});
