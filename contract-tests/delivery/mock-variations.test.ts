// The callback faults of the admin API acted out by the delivery of status callbacks: duplicate-callback delivers a
// callback again with the same I-Twilio-Idempotency-Token, in its place in the call's order; out-of-order-callback
// holds one back on the mock's manual clock while the call's later ones go first (SequenceNumber orders them again).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_TOKEN_HEADER, parseWebhook } from "../../src/index.js";
import type { AdminFaultSpec } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { startHttpServer, type TestServer } from "../support/http-server.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { answering, header } from "./events.js";

const EVENTS = ["initiated", "ringing", "answered", "completed"] as const;

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "callback-faults" });
});
afterAll(() => harness.stop());
afterEach(() => harness.admin.reset());

/** A call of a fresh account whose callbacks meet `fault`, every event asked for, sent to `receiver`. */
async function placeCall(receiver: TestServer, fault: AdminFaultSpec) {
  const accountSid = freshAccount();
  await harness.admin.addFault({ ...fault, match: { ...fault.match, accountSid } });
  await harness.client(accountSid).create({
    To: "+13105555555",
    From: "+12125551234",
    Url: "https://example.com/twiml",
    StatusCallback: `${receiver.baseUrl}/status`,
    StatusCallbackEvent: [...EVENTS],
  });
}

const advance = async (ms: number) => {
  await harness.admin.advance(ms);
  await harness.mock.settled?.();
};

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

describe("the admin API's callback faults, delivered", () => {
  it("delivers a duplicated callback again, with its token, in its place in the call's order", async () => {
    const receiver = await startHttpServer(answering(204));
    await placeCall(receiver, { kind: "duplicate-callback", match: { event: "ringing" }, copies: 2 });
    await advance(35_000);
    expect(sequenceOf(receiver)).toEqual([0, 1, 1, 1, 2, 3]);
    const tokens = receiver.requests.map((r) => header(r, IDEMPOTENCY_TOKEN_HEADER));
    expect(new Set(tokens.slice(1, 4)).size).toBe(1);
    expect(new Set(tokens).size).toBe(4);
  });

  it("holds a callback back on the mock's clock while the later ones go first", async () => {
    const receiver = await startHttpServer(answering(204));
    await placeCall(receiver, { kind: "out-of-order-callback", match: { event: "initiated" }, holdMs: 60_000 });
    await advance(35_000);
    expect(sequenceOf(receiver)).toEqual([1, 2, 3]);
    await advance(25_000);
    expect(sequenceOf(receiver)).toEqual([1, 2, 3, 0]);
  });

  it("never delivers a held-back callback once the mock is reset", async () => {
    const receiver = await startHttpServer(answering(204));
    await placeCall(receiver, { kind: "out-of-order-callback", match: { event: "initiated" }, holdMs: 60_000 });
    await advance(35_000);
    expect(sequenceOf(receiver)).toEqual([1, 2, 3]);
    await harness.admin.reset();
    await advance(25_000);
    expect(sequenceOf(receiver)).toEqual([1, 2, 3]);
  });

  it("never delivers a held-back callback of a call that was deleted", async () => {
    const receiver = await startHttpServer(answering(204));
    await placeCall(receiver, { kind: "out-of-order-callback", match: { event: "initiated" }, holdMs: 60_000 });
    await advance(35_000);
    const { AccountSid, CallSid } = Object.fromEntries(new URLSearchParams(receiver.requests[0]?.body));
    await harness.client(AccountSid as string).remove(CallSid as string);
    await advance(25_000);
    expect(sequenceOf(receiver)).toEqual([1, 2, 3]);
  });

  it("delivers every callback once and in order when no fault matches", async () => {
    const receiver = await startHttpServer(answering(204));
    await placeCall(receiver, { kind: "duplicate-callback", match: { to: "+13105550000" } });
    await advance(35_000);
    expect(sequenceOf(receiver)).toEqual([0, 1, 2, 3]);
  });
});
