// Retries, timeouts and aborts against a real HTTP server on loopback. Waits go through an injected sleep, so the
// tests assert the delays the client chose, never the wall clock.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  type CallsClientOptions,
  type CallsError,
  type CreateCallParams,
  createCallsClient,
  type TransportKind,
} from "../../src/client/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, completedCall, queuedCall } from "../support/fixtures.js";
import { closedServerUrl, json, type Reply, startHttpServer } from "../support/http-server.js";
import { TRANSPORTS } from "../support/transports.js";

const tooMany = (res: ServerResponse, headers: Record<string, string> = {}) =>
  json(
    res,
    429,
    { code: 20429, message: "Too Many Requests", more_info: "https://www.twilio.com/docs/errors/20429", status: 429 },
    headers,
  );
const unavailable: Reply = (_, res) =>
  json(res, 503, {
    code: 20503,
    message: "Service Unavailable",
    more_info: "https://www.twilio.com/docs/errors/20503",
    status: 503,
  });
const params: CreateCallParams = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };
const SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

/** Responds with the replies in turn, the last one for every request after. */
function inTurn(...replies: Reply[]): Reply {
  let n = 0;
  return (req, res) => replies[Math.min(n++, replies.length - 1)]!(req, res);
}

async function clientFor(transport: TransportKind, reply: Reply, extra: Partial<CallsClientOptions> = {}) {
  const server = await startHttpServer(reply);
  const waits: number[] = [];
  const client = createCallsClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.baseUrl,
    transport,
    ...extra,
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...extra.retry },
  });
  return { client, waits, server };
}

describe.each(TRANSPORTS)("over the %s transport", (transport) => {
  describe("retries", () => {
    it("retries a 429 after the Retry-After the server asked for", async () => {
      const { client, waits, server } = await clientFor(
        transport,
        inTurn(
          (_, res) => tooMany(res, { "Retry-After": "2" }),
          (_, res) => json(res, 201, queuedCall()),
        ),
      );
      await expect(client.create(params)).resolves.toMatchObject({ status: "queued" });
      expect(waits).toEqual([2000]);
      expect(server.requests).toHaveLength(2);
    });

    it("retries a 503 with exponential backoff and jitter", async () => {
      const { client, waits } = await clientFor(
        transport,
        inTurn(unavailable, unavailable, unavailable, (_, res) => json(res, 200, completedCall())),
        { retry: { maxAttempts: 4, baseDelayMs: 100 } },
      );
      await client.fetch(SID);
      // ceiling 100, 200, 400 ms; with random 0.5 each wait is three quarters of its ceiling
      expect(waits).toEqual([75, 150, 300]);
    });

    it("keeps jitter between half the ceiling and the ceiling", async () => {
      const low = await clientFor(
        transport,
        inTurn(unavailable, (_, res) => json(res, 200, completedCall())),
        { retry: { baseDelayMs: 1000, random: () => 0 } },
      );
      await low.client.fetch(SID);
      const high = await clientFor(
        transport,
        inTurn(unavailable, (_, res) => json(res, 200, completedCall())),
        { retry: { baseDelayMs: 1000, random: () => 0.999 } },
      );
      await high.client.fetch(SID);
      expect([low.waits[0], high.waits[0]]).toEqual([500, 1000]);
    });

    it("stops after maxAttempts and reports the last response, rate-limited", async () => {
      const { client, server } = await clientFor(transport, (_, res) => tooMany(res, { "Retry-After": "0" }));
      const error = (await client.create(params).catch((e: unknown) => e)) as CallsError;
      expect(error).toMatchObject({ kind: "rate-limited", status: 429, code: 20429, attempts: 3 });
      expect(server.requests).toHaveLength(3);
    });

    it("gives up at once when Retry-After is beyond the time budget", async () => {
      const { client, waits } = await clientFor(transport, (_, res) => tooMany(res, { "Retry-After": "120" }), {
        retry: { maxTotalMs: 10_000 },
      });
      await expect(client.create(params)).rejects.toMatchObject({ kind: "rate-limited", attempts: 1 });
      expect(waits).toEqual([]);
    });

    it("never retries a create whose connection dropped after the request was read, and says the call may exist", async () => {
      const { client, server } = await clientFor(transport, (_, res) => res.socket?.destroy());
      const error = (await client.create(params).catch((e: unknown) => e)) as CallsError;
      expect(server.requests).toHaveLength(1);
      expect(error).toMatchObject({ kind: "network", mayHaveBeenPlaced: true, attempts: 1 });
      expect(error.message).toMatch(
        /createCall: no response from http:\/\/127\.0\.0\.1:\d+ \(.+\) after 1 attempt; the request may have reached Twilio, so the call may or may not have been placed/,
      );
    });

    it("retries a read whose connection dropped", async () => {
      const { client, server } = await clientFor(
        transport,
        inTurn(
          (_, res) => res.socket?.destroy(),
          (_, res) => json(res, 200, completedCall()),
        ),
      );
      await expect(client.fetch(SID)).resolves.toMatchObject({ sid: SID });
      expect(server.requests).toHaveLength(2);
    });

    it("retries a create that never connected, since nothing reached the server", async () => {
      const baseUrl = await closedServerUrl();
      const waits: number[] = [];
      const offline = createCallsClient({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        baseUrl,
        transport,
        retry: { sleep: async (ms) => void waits.push(ms) },
      });
      const error = (await offline.create(params).catch((e: unknown) => e)) as CallsError;
      expect(error).toMatchObject({ kind: "network", mayHaveBeenPlaced: false, attempts: 3 });
      expect(waits).toHaveLength(2);
    });
  });

  describe("timeouts and aborts", () => {
    it("times a create out, does not retry it, and says the call may exist", async () => {
      const { client, server } = await clientFor(transport, () => undefined /* never responds */, { timeoutMs: 200 });
      const error = (await client.create(params).catch((e: unknown) => e)) as CallsError;
      expect(error).toMatchObject({ kind: "timeout", mayHaveBeenPlaced: true, attempts: 1 });
      expect(error.message).toMatch(/within 200 ms/);
      expect(server.requests).toHaveLength(1);
    });

    it("times a read out and retries it", async () => {
      const { client, server } = await clientFor(
        transport,
        inTurn(
          () => undefined,
          (_, res) => json(res, 200, completedCall()),
        ),
      );
      await expect(client.fetch(SID, { timeoutMs: 200 })).resolves.toMatchObject({ sid: SID });
      expect(server.requests).toHaveLength(2);
    });

    it("stops when the caller's signal aborts", async () => {
      const { client } = await clientFor(transport, () => undefined);
      const controller = new AbortController();
      const pending = client.fetch(SID, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    });
  });
});
