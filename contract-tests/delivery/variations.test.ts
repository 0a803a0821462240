// What Twilio's delivery can do to an app, rehearsed by the delivery's variations: an event delivered twice (the
// same I-Twilio-Idempotency-Token, so the app can drop the second) and an event held back until a later one has
// arrived (a status callback's SequenceNumber orders them again). Tokens: Twilio's "Webhooks FAQ"
// (https://www.twilio.com/docs/usage/webhooks/webhooks-faq); SequenceNumber: the statusCallback webhook of
// openapi/calls.yaml.
import { describe, expect, it } from "vitest";
import { deliverWebhook, IDEMPOTENCY_TOKEN_HEADER, parseWebhook } from "../../src/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { type RecordedRequest, startHttpServer } from "../support/http-server.js";
import { answering, header, statusEvent } from "./events.js";

const tokenOf = (request: RecordedRequest | undefined) => header(request, IDEMPOTENCY_TOKEN_HEADER);
/** What an app reads of a request it got: the payload, checked and typed by parseWebhook. */
const payloadOf = (baseUrl: string, request: RecordedRequest) =>
  parseWebhook("statusCallback", {
    url: `${baseUrl}${request.url}`,
    body: request.body,
    signature: header(request, "X-Twilio-Signature"),
    authToken: AUTH_TOKEN,
  });

describe("the delivery's variations", () => {
  it("gives each event a token of its own", async () => {
    const receiver = await startHttpServer(answering(204));
    for (const sequence of [0, 1, 2]) await deliverWebhook(statusEvent(`${receiver.baseUrl}/status`, sequence));
    expect(new Set(receiver.requests.map(tokenOf)).size).toBe(3);
  });

  it("delivers a duplicated event twice with its token, so that an app keeping the tokens it saw drops it", async () => {
    const receiver = await startHttpServer(answering(204));
    const outcome = await deliverWebhook(statusEvent(`${receiver.baseUrl}/status`), { copies: 1 });
    expect(receiver.requests).toHaveLength(2);
    expect(outcome.attempts.map((a) => a.duplicate ?? false)).toEqual([false, true]);
    const seen = new Set<string | undefined>();
    const handled = receiver.requests.filter((r) => !seen.has(tokenOf(r)) && seen.add(tokenOf(r)));
    expect(handled).toHaveLength(1);
    expect(receiver.requests[1]?.body).toBe(receiver.requests[0]?.body);
  });

  it("sends a duplicate once, without retrying it", async () => {
    const receiver = await startHttpServer(answering(503));
    await deliverWebhook(statusEvent(`${receiver.baseUrl}/status#rc=2&rp=5xx`), { copies: 1 });
    expect(receiver.requests).toHaveLength(4);
    expect(new Set(receiver.requests.map(tokenOf)).size).toBe(1);
  });

  it("holds an event back so that a later one arrives first, and SequenceNumber puts them in order", async () => {
    const receiver = await startHttpServer(answering(204));
    const url = `${receiver.baseUrl}/status`;
    await Promise.all([deliverWebhook(statusEvent(url, 2), { holdBackMs: 100 }), deliverWebhook(statusEvent(url, 3))]);
    const arrived = receiver.requests.map((r) => payloadOf(receiver.baseUrl, r));
    expect(arrived.map((p) => p.SequenceNumber)).toEqual([3, 2]);
    const ordered = [...arrived].sort((a, b) => a.SequenceNumber - b.SequenceNumber);
    expect(ordered.map((p) => p.CallStatus)).toEqual(["in-progress", "completed"]);
  });

  it("waits a held-back event on the clock it is given, not on real time", async () => {
    const receiver = await startHttpServer(answering(204));
    const waited: number[] = [];
    await deliverWebhook(statusEvent(`${receiver.baseUrl}/status`), {
      holdBackMs: 60_000,
      wait: async (ms) => {
        waited.push(ms);
      },
    });
    expect(waited).toEqual([60_000]);
    expect(receiver.requests).toHaveLength(1);
  });
});
