// Connection overrides as Twilio reads them from a webhook URL's fragment ("Webhook connection overrides",
// https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides): each one honoured by the delivery to
// an app on loopback, each bound kept, and the fragment neither sent nor signed.
import { describe, expect, it } from "vitest";
import { deliverWebhook, IDEMPOTENCY_TOKEN_HEADER, parseWebhook, readConnectionOverrides } from "../../src/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { startHttpServer } from "../support/http-server.js";
import { answering, statusEvent as event, header, refusingUrl, silent } from "./events.js";

describe("reading the overrides of a URL's fragment", () => {
  it("applies Twilio's defaults when the URL has none: ct 5000, rt 15000, tt 15000, rc 1, rp ct", () => {
    const { overrides, notes } = readConnectionOverrides("http://127.0.0.1:9/status");
    expect({ ...overrides, retryPolicy: [...overrides.retryPolicy] }).toEqual({
      connectTimeoutMs: 5000,
      readTimeoutMs: 15000,
      totalTimeoutMs: 15000,
      retryCount: 1,
      retryPolicy: ["ct"],
      totalTimeoutGiven: false,
    });
    expect(notes).toEqual([]);
  });

  it("reads every override the page lists, and rp=all as all four failures", () => {
    const { overrides, url } = readConnectionOverrides(
      "http://127.0.0.1:9/status?a=1#ct=300&rt=400&tt=900&rc=3&rp=all",
    );
    expect(overrides).toMatchObject({ connectTimeoutMs: 300, readTimeoutMs: 400, totalTimeoutMs: 900, retryCount: 3 });
    expect([...overrides.retryPolicy].sort()).toEqual(["4xx", "5xx", "ct", "rt"]);
    expect(url).toBe("http://127.0.0.1:9/status?a=1");
  });

  it.each([
    ["ct=99", "connectTimeoutMs", 100],
    ["ct=10001", "connectTimeoutMs", 10000],
    ["rt=15001", "readTimeoutMs", 15000],
    ["tt=0", "totalTimeoutMs", 100],
    ["tt=20000", "totalTimeoutMs", 15000],
    ["rc=6", "retryCount", 5],
  ] as const)("keeps the nearest bound for %s, and says so", (fragment, field, bounded) => {
    const { overrides, notes } = readConnectionOverrides(`http://127.0.0.1:9/status#${fragment}`);
    expect(overrides[field]).toBe(bounded);
    expect(notes).toEqual([expect.stringContaining(`${bounded} applies`)]);
  });

  it("applies the default for a value that is not a whole number, and says so", () => {
    const { overrides, notes } = readConnectionOverrides("http://127.0.0.1:9/status#rc=two&ct=1.5");
    expect(overrides).toMatchObject({ retryCount: 1, connectTimeoutMs: 5000 });
    expect(notes).toEqual([expect.stringContaining('rc="two"'), expect.stringContaining('ct="1.5"')]);
  });

  it("ignores the edge, region and SNI overrides, which choose nothing on loopback, and unknown keys", () => {
    const { notes, refused } = readConnectionOverrides("http://127.0.0.1:9/status#e=ashburn&sni=y&colour=red");
    expect(refused).toBeUndefined();
    expect(notes).toHaveLength(3);
  });
});

describe("delivering with the overrides", () => {
  it("never sends the fragment, and signs the URL without it, which parseWebhook accepts with or without it", async () => {
    const receiver = await startHttpServer(answering(204));
    const configured = `${receiver.baseUrl}/status?x=1#rc=2&rp=5xx`;
    await deliverWebhook(event(configured));
    const [sent] = receiver.requests;
    expect(sent?.url).toBe("/status?x=1");
    for (const url of [configured, `${receiver.baseUrl}/status?x=1`]) {
      const signature = header(sent, "X-Twilio-Signature");
      const payload = parseWebhook("statusCallback", { url, body: sent?.body ?? "", signature, authToken: AUTH_TOKEN });
      expect(payload.SequenceNumber).toBe(3);
    }
  });

  it("retries a refused connection once by default (rc 1, rp ct)", async () => {
    const outcome = await deliverWebhook(event(await refusingUrl()));
    expect(outcome.attempts.map((a) => a.error)).toEqual(["ECONNREFUSED", "ECONNREFUSED"]);
  });

  it("does not retry a refused connection with rc=0", async () => {
    const outcome = await deliverWebhook(event(`${await refusingUrl()}#rc=0`));
    expect(outcome.attempts).toHaveLength(1);
  });

  it("does not retry a 503 by default: rp's default names connection failures only", async () => {
    const receiver = await startHttpServer(answering(503));
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status`));
    expect(receiver.requests).toHaveLength(1);
    expect(outcome.response?.status).toBe(503);
  });

  it("retries a 5xx rc times when rp names 5xx", async () => {
    const receiver = await startHttpServer(answering(503));
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rc=2&rp=5xx`));
    expect(receiver.requests).toHaveLength(3);
    expect(outcome.attempts.map((a) => a.failure)).toEqual(["5xx", "5xx", "5xx"]);
  });

  it("retries a 4xx when rp names 4xx, and stops at the first 2xx", async () => {
    const receiver = await startHttpServer(answering(404, 200));
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rc=5&rp=4xx`));
    expect(receiver.requests).toHaveLength(2);
    expect(outcome.response?.status).toBe(200);
  });

  it("gives up on a receiver silent for rt, and retries it when rp names rt", async () => {
    const receiver = await startHttpServer(silent);
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rt=150&rc=1&rp=rt`));
    expect(receiver.requests).toHaveLength(2);
    expect(outcome.attempts.map((a) => [a.error, a.failure])).toEqual([
      ["ETIMEDOUT", "rt"],
      ["ETIMEDOUT", "rt"],
    ]);
    expect(outcome.attempts.every((a) => a.elapsedMs >= 140 && a.elapsedMs < 1000)).toBe(true);
  });

  it("stops every attempt when tt runs out, with Twilio's 11203", async () => {
    const receiver = await startHttpServer(silent);
    // rt 200 within tt 600: about three attempts, two at least however loaded the machine; tt ends the last one.
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rt=200&tt=600&rc=5&rp=rt`));
    expect(outcome.code).toBe(11203);
    expect(outcome.attempts.length).toBeGreaterThanOrEqual(2);
    expect(outcome.attempts.length).toBeLessThan(6);
    const spent = outcome.attempts.reduce((sum, a) => sum + a.elapsedMs, 0);
    expect(spent).toBeGreaterThanOrEqual(590);
    expect(spent).toBeLessThan(2000);
  });

  it("sends nothing for an rp Twilio does not know, and gives its 11243", async () => {
    const receiver = await startHttpServer(answering(204));
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rp=sometimes`));
    expect(outcome.code).toBe(11243);
    expect(outcome.attempts).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it("carries the same I-Twilio-Idempotency-Token on each retry of an event", async () => {
    const receiver = await startHttpServer(answering(500, 500, 204));
    const outcome = await deliverWebhook(event(`${receiver.baseUrl}/status#rc=2&rp=5xx`));
    const tokens = receiver.requests.map((r) => header(r, IDEMPOTENCY_TOKEN_HEADER));
    expect(tokens).toEqual([outcome.token, outcome.token, outcome.token]);
    expect(outcome.token).toMatch(/^[0-9a-f-]{36}$/);
  });
});
