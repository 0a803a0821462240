// Each request fault kind as the project's client sees it, on both built-in transports: the error it throws (or the
// call it returns), whether it retried, its mayHaveBeenPlaced flag, and whether the mock stored the call. The
// client's rules are in src/client/ (retry.ts: 429 and 503 retried; failures.ts: a create that may have reached the
// server is never retried).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallsError, TwilioApiError } from "../../src/client/index.js";
import type { AdminClient, RunningMock } from "../../src/mock/index.js";
import { TRANSPORTS } from "../support/transports.js";
import { CREATE, clientOf, freshAccount, onCreates, outcomeOf, startFaultyMock, storedSids } from "./harness.js";

let mock: RunningMock;
let admin: AdminClient;

beforeAll(async () => {
  ({ mock, admin } = await startFaultyMock());
});
afterAll(() => mock?.stop());

/** The journal's record of the account's last request. */
async function lastJournalled(accountSid: string) {
  const [entry] = (await admin.journal({ accountSid })).requests;
  return entry;
}

describe.each(TRANSPORTS)("the client on the %s transport", (transport) => {
  it("waits out latency-fixed and gets its call; the journal keeps the delay", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "latency-fixed", ms: 80 }));
    const { value, ms } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(value?.status).toBe("queued");
    expect(ms).toBeGreaterThanOrEqual(75);
    expect((await lastJournalled(account))?.faults).toEqual([
      expect.objectContaining({ kind: "latency-fixed", delayMs: 80 }),
    ]);
  });

  it("waits out latency-uniform, a delay drawn between minMs and maxMs", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "latency-uniform", minMs: 20, maxMs: 60 }));
    const { value } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(value?.status).toBe("queued");
    const delay = (await lastJournalled(account))?.faults?.[0]?.delayMs;
    expect(delay).toBeGreaterThanOrEqual(20);
    expect(delay).toBeLessThanOrEqual(60);
  });

  it("waits out latency-lognormal, a delay no longer than its cap", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "latency-lognormal", medianMs: 20, sigma: 3, maxMs: 40 }));
    const { value } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(value?.status).toBe("queued");
    expect((await lastJournalled(account))?.faults?.[0]?.delayMs).toBeLessThanOrEqual(40);
  });

  it("throws a rate-limited TwilioApiError (429, code 20429) without retries, and nothing is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({ kind: "rate-limited", status: 429, code: 20429, mayHaveBeenPlaced: undefined });
    expect(await storedSids(mock, account)).toEqual([]);
  });

  it("retries a 429 after its Retry-After and places the call once", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit", retryAfterSeconds: 0 }));
    const call = await clientOf(mock, account, transport, { maxAttempts: 2 }).create(CREATE);
    expect(await storedSids(mock, account)).toEqual([call.sid]);
  });

  it("retries a 503 (code 20503) and places the call once", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "service-unavailable", retryAfterSeconds: 0 }));
    const call = await clientOf(mock, account, transport, { maxAttempts: 2 }).create(CREATE);
    expect(await storedSids(mock, account)).toEqual([call.sid]);
  });

  it("throws a 503 TwilioApiError with code 20503 once its attempts are spent, and nothing is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "service-unavailable" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(error).toMatchObject({ kind: "api", status: 503, code: 20503 });
    expect((error as CallsError).mayHaveBeenPlaced).toBeUndefined();
    expect(await storedSids(mock, account)).toEqual([]);
  });

  it("throws a 500 TwilioApiError with code 20500 and mayHaveBeenPlaced, and does not retry it; nothing is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "server-error", times: 2 }));
    const { error } = await outcomeOf(clientOf(mock, account, transport, { maxAttempts: 3 }).create(CREATE));
    // Twilio's 20500 page: the create may have been processed; here it was not, which the client cannot tell.
    expect(error).toMatchObject({ kind: "api", status: 500, code: 20500, attempts: 1, mayHaveBeenPlaced: true });
    expect(await storedSids(mock, account)).toEqual([]);
  });

  it("throws a 500 for server-error with afterStore, and the call is stored all the same", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "server-error", afterStore: true }));
    const { error } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(error).toMatchObject({ status: 500, code: 20500, mayHaveBeenPlaced: true });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("throws a network error with mayHaveBeenPlaced for reset-before-response, does not retry, stores nothing", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "reset-before-response" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport, { maxAttempts: 3 }).create(CREATE));
    expect(error).toBeInstanceOf(CallsError);
    expect(error).toMatchObject({ kind: "network", mayHaveBeenPlaced: true, attempts: 1 });
    expect(await storedSids(mock, account)).toEqual([]);
  });

  it("throws a network error with mayHaveBeenPlaced for reset-after-store, and exactly one call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "reset-after-store" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport, { maxAttempts: 3 }).create(CREATE));
    expect(error).toMatchObject({ kind: "network", mayHaveBeenPlaced: true, attempts: 1 });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("throws an api error naming an empty body for empty-body, with mayHaveBeenPlaced, and the call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "empty-body" }));
    const { value, error } = await outcomeOf(clientOf(mock, account, transport, { maxAttempts: 3 }).create(CREATE));
    expect(value).toBeUndefined();
    expect(error).toMatchObject({ kind: "api", mayHaveBeenPlaced: true, attempts: 1 });
    expect((error as Error).message).toMatch(/responded 201 with an empty body/);
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("throws a network error with mayHaveBeenPlaced for a truncated body, and the call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "truncated-body" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport, { maxAttempts: 3 }).create(CREATE));
    expect(error).toMatchObject({ kind: "network", mayHaveBeenPlaced: true, attempts: 1 });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("throws an api error naming a body that is not JSON for malformed-json, with mayHaveBeenPlaced", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "malformed-json" }));
    const { error } = await outcomeOf(clientOf(mock, account, transport).create(CREATE));
    expect(error).toMatchObject({ kind: "api", mayHaveBeenPlaced: true });
    expect((error as Error).message).toMatch(/not JSON/);
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("times out on slow-headers longer than its timeoutMs, with mayHaveBeenPlaced, and the call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "slow-headers", ms: 600 }));
    const { error } = await outcomeOf(clientOf(mock, account, transport, { timeoutMs: 150 }).create(CREATE));
    expect(error).toMatchObject({ kind: "timeout", mayHaveBeenPlaced: true });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("reads a response whose headers arrive a line at a time, within its timeoutMs", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "slow-headers", ms: 100 }));
    const call = await clientOf(mock, account, transport).create(CREATE);
    expect(await storedSids(mock, account)).toEqual([call.sid]);
  });

  it("reads a body dribbled in 7-byte chunks whole, and gets its call", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "dribbled-body", chunkBytes: 7, intervalMs: 0 }));
    const call = await clientOf(mock, account, transport).create(CREATE);
    expect(call.to).toBe(CREATE.To);
    expect(await storedSids(mock, account)).toEqual([call.sid]);
  });
});
