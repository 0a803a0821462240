// The stateful mock's status callbacks come from the same transitions that fetch and list show: the requested
// events in lifecycle order, signed with the create's auth token, one after the other, to loopback URLs only.
// Twilio's reference: with no StatusCallbackEvent only `completed` is sent, and it carries the final status.
import type { ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CreateCallParams } from "../../src/client/index.js";
import { IDEMPOTENCY_TOKEN_HEADER, parseWebhook, type StatusCallbackPayload } from "../../src/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { empty, type RecordedRequest, startHttpServer, type TestServer } from "../support/http-server.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness();
});
afterAll(() => harness.stop());
afterEach(async () => {
  await harness.admin.reset();
  harness.logged.length = 0;
});

const ALL_EVENTS: CreateCallParams["StatusCallbackEvent"] = ["initiated", "ringing", "answered", "completed"];
const ok = (_: RecordedRequest, res: ServerResponse) => empty(res, 204);
const seconds = (s: number) => harness.admin.advance(s * 1000);

function place(receiver: TestServer, overrides: Partial<CreateCallParams> = {}): CreateCallParams {
  return {
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/twiml",
    StatusCallback: `${receiver.baseUrl}/status`,
    ...overrides,
  };
}

/** Every callback the receiver got, checked against the spec's statusCallback webhook and its signature. */
function payloads(receiver: TestServer): StatusCallbackPayload[] {
  return receiver.requests.map((r) =>
    parseWebhook("statusCallback", {
      url: `${receiver.baseUrl}${r.url}`,
      body: r.body,
      signature: r.headers["x-twilio-signature"] as string,
      authToken: AUTH_TOKEN,
    }),
  );
}

describe("status callbacks of the stateful mock", () => {
  it("sends the four events of a full lifecycle in order, signed, as fetch sees the call", async () => {
    const receiver = await startHttpServer(ok);
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place(receiver, { StatusCallbackEvent: ALL_EVENTS }));
    await seconds(0);
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2));
    expect((await client.fetch(sid)).status).toBe("ringing");
    await seconds(35);
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(4));
    const sent = payloads(receiver);
    expect(sent.map((p) => p.CallStatus)).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    expect(sent.map((p) => p.SequenceNumber)).toEqual([0, 1, 2, 3]);
    expect(new Set(sent.map((p) => p.CallSid))).toEqual(new Set([sid]));
    const call = await client.fetch(sid);
    expect(call.status).toBe("completed");
    expect(sent[3]?.CallDuration).toBe(Number(call.duration));
    expect(sent[3]?.Timestamp).toBe(call.end_time);
    expect(sent[2]?.Timestamp).not.toBe(sent[3]?.Timestamp);
  });

  it("sends completed alone, with the final status, when no event is named", async () => {
    const receiver = await startHttpServer(ok);
    const client = harness.client(freshAccount());
    await client.create(place(receiver, { To: "+15005550101" }));
    await seconds(2);
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1));
    await harness.mock.settled?.();
    expect(payloads(receiver).map((p) => p.CallStatus)).toEqual(["busy"]);
  });

  it("sends nothing for a call canceled while it was queued", async () => {
    const receiver = await startHttpServer(ok);
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place(receiver, { StatusCallbackEvent: ALL_EVENTS }));
    await client.update(sid, { Status: "canceled" });
    await seconds(60);
    await harness.mock.settled?.();
    expect(receiver.requests).toEqual([]);
  });

  it("sends completed with CallStatus canceled for a call canceled while ringing", async () => {
    const receiver = await startHttpServer(ok);
    const client = harness.client(freshAccount());
    const { sid } = await client.create(place(receiver, { StatusCallbackEvent: ["ringing", "completed"] }));
    await seconds(1);
    await client.update(sid, { Status: "canceled" });
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2));
    expect(payloads(receiver).map((p) => p.CallStatus)).toEqual(["ringing", "canceled"]);
  });

  it("keeps the order when the receiver is slow to respond", async () => {
    const held: ServerResponse[] = [];
    const receiver = await startHttpServer((_, res) => held.push(res));
    const client = harness.client(freshAccount());
    await client.create(place(receiver, { StatusCallbackEvent: ALL_EVENTS }));
    await seconds(35);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(receiver.requests).toHaveLength(1);
    for (let answered = 1; answered <= 4; answered++) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThanOrEqual(1));
      empty(held.shift() as ServerResponse, 200);
      if (answered < 4) await vi.waitFor(() => expect(receiver.requests).toHaveLength(answered + 1));
    }
    expect(payloads(receiver).map((p) => p.SequenceNumber)).toEqual([0, 1, 2, 3]);
  });

  it("records each receiver's response in the call's timeline, without the URL's credentials", async () => {
    const receiver = await startHttpServer((_, res) => empty(res, 503));
    const accountSid = freshAccount();
    const client = harness.client(accountSid);
    const url = receiver.baseUrl.replace("http://", "http://hook:pw-secret@");
    const { sid } = await client.create(place(receiver, { StatusCallback: `${url}/status` }));
    await seconds(35);
    await harness.mock.settled?.();
    const timeline = await harness.admin.timeline(accountSid, sid);
    expect(timeline.callbacks).toEqual([
      expect.objectContaining({
        event: "completed",
        callStatus: "completed",
        status: 503,
        url: `${receiver.baseUrl}/status`,
      }),
    ]);
    expect(receiver.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("hook:pw-secret").toString("base64")}`,
    );
    expect(JSON.stringify(timeline)).not.toContain("pw-secret");
    expect(harness.logged.join("\n")).not.toContain("pw-secret");
  });

  it("never calls a URL off this machine, says so, and still runs the call", async () => {
    const client = harness.client(freshAccount());
    const { sid } = await client.create({
      To: "+13105555555",
      From: "+12125551234",
      Url: "https://example.com/twiml",
      StatusCallback: "https://hooks.example.invalid/status",
    });
    await seconds(35);
    expect((await client.fetch(sid)).status).toBe("completed");
    expect(harness.logged).toEqual([
      "status callbacks: not calling https://hooks.example.invalid/status; the mock calls back loopback URLs only",
    ]);
  });

  it("retries a callback as its URL's connection overrides say, each attempt with the event's token", async () => {
    let answered = 0;
    const receiver = await startHttpServer((_, res) => empty(res, ++answered < 3 ? 503 : 204));
    const accountSid = freshAccount();
    const client = harness.client(accountSid);
    const { sid } = await client.create(place(receiver, { StatusCallback: `${receiver.baseUrl}/status#rc=2&rp=5xx` }));
    await seconds(35);
    await harness.mock.settled?.();
    expect(receiver.requests.map((r) => r.url)).toEqual(["/status", "/status", "/status"]);
    expect(new Set(receiver.requests.map((r) => r.headers[IDEMPOTENCY_TOKEN_HEADER.toLowerCase()])).size).toBe(1);
    expect(payloads(receiver).map((p) => p.SequenceNumber)).toEqual([0, 0, 0]);
    const timeline = await harness.admin.timeline(accountSid, sid);
    expect(timeline.callbacks).toEqual([expect.objectContaining({ event: "completed", status: 204 })]);
  });

  it("gives each callback of a call a token of its own", async () => {
    const receiver = await startHttpServer(ok);
    const client = harness.client(freshAccount());
    await client.create(place(receiver, { StatusCallbackEvent: ALL_EVENTS }));
    await seconds(35);
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(4));
    const tokens = receiver.requests.map((r) => r.headers[IDEMPOTENCY_TOKEN_HEADER.toLowerCase()]);
    expect(new Set(tokens).size).toBe(4);
  });
});
