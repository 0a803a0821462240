// The typed client against servers that send too much, in gzip bombs, with the caller's own credentials, or
// with redirects off the machine: it reads a bounded response, never inflates one, keeps the token out of every
// form of its errors, and follows no redirect.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { CallsClientOptions, TransportKind } from "../../src/client/index.js";
import { CallsError, type CreateCallParams, createCallsClient, TwilioApiError } from "../../src/client/index.js";
import { ACCOUNT_SID, completedCall } from "../support/fixtures.js";
import { startHttpServer } from "../support/http-server.js";
import { TRANSPORTS } from "../support/transports.js";
import { gzipMember, MiB, rssKb, sampleRss, sendGzipBomb, startHostileServer, streamBytes } from "./harness.js";

const SECRET = "client-hostile-token-d2b9e1";
const PAIR = `${ACCOUNT_SID}:${SECRET}`;
const FORMS = [SECRET, PAIR, Buffer.from(PAIR).toString("base64")];
const SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
const params: CreateCallParams = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

const clientFor = (transport: TransportKind, baseUrl: string, extra: Partial<CallsClientOptions> = {}) => {
  const options: CallsClientOptions = {
    accountSid: ACCOUNT_SID,
    authToken: SECRET,
    baseUrl,
    transport,
    retry: { maxAttempts: 1 },
    ...extra,
  };
  return createCallsClient(options);
};

/** The rejection of a promise that must reject, and how long it took. */
async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error("expected the request to fail, and it succeeded");
}

describe.each(TRANSPORTS)("over the %s transport", (transport) => {
  describe("the client, given a response larger than it reads", () => {
    it("rejects a 50 MiB response past maxResponseBytes of 1 MiB, quickly, saying it is larger than that", async () => {
      const server = await startHostileServer((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        void streamBytes(res, 50 * MiB);
      });
      const { error, ms } = await rejection(clientFor(transport, server.baseUrl, { maxResponseBytes: MiB }).fetch(SID));
      expect(error).toBeInstanceOf(CallsError);
      expect((error as Error).message).toContain("larger than");
      expect(ms).toBeLessThan(3000);
    });

    it("rejects a 50 MiB response past the default limit of 10 MiB", async () => {
      const server = await startHostileServer((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        void streamBytes(res, 50 * MiB);
      });
      const { error } = await rejection(clientFor(transport, server.baseUrl).fetch(SID));
      expect(error).toBeInstanceOf(CallsError);
      expect((error as Error).message).toContain("larger than");
    });

    it("rejects a response whose Content-Length says 50 MiB even when the server stops sending", async () => {
      const server = await startHostileServer((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(50 * MiB) });
        void streamBytes(res, 2 * MiB); // then silence, with the connection left open
      });
      const { error, ms } = await rejection(
        clientFor(transport, server.baseUrl, { maxResponseBytes: MiB, timeoutMs: 2000 }).fetch(SID),
      );
      expect(error).toBeInstanceOf(CallsError);
      expect(ms).toBeLessThan(4000);
    });

    it("still reads a response just under maxResponseBytes", async () => {
      const body = JSON.stringify(completedCall());
      const padded = body + " ".repeat(MiB - 1024 - body.length);
      const server = await startHttpServer((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(padded);
      });
      await expect(clientFor(transport, server.baseUrl, { maxResponseBytes: MiB }).fetch(SID)).resolves.toMatchObject({
        sid: completedCall().sid,
      });
    });
  });

  describe("the client, given a gzip response", () => {
    it("asks for an unencoded response", async () => {
      const server = await startHttpServer((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(completedCall()));
      });
      await clientFor(transport, server.baseUrl).fetch(SID);
      expect(server.requests[0]?.headers["accept-encoding"]).toBe("identity");
    });

    it("does not inflate a 2 GiB gzip bomb: it rejects with a CallsError and memory stays bounded", async () => {
      gzipMember(); // built before the baseline: the 64 MiB it is made from is the test's, not the client's
      const server = await startHostileServer((_, res) => void sendGzipBomb(res));
      const before = rssKb(process.pid);
      const memory = sampleRss(process.pid);
      const { error, ms } = await rejection(clientFor(transport, server.baseUrl).fetch(SID));
      memory.stop();
      expect(error).toBeInstanceOf(CallsError);
      expect(ms).toBeLessThan(5000);
      expect(memory.peak() - before).toBeLessThan(200 * 1024);
    });
  });

  describe("the client, given a server that echoes the credentials", () => {
    it("keeps the token, sid:token and its base64 out of the error's message, stack, inspection and JSON", async () => {
      const server = await startHttpServer((req, res) => {
        const auth = String(req.headers.authorization);
        const decoded = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString("utf8");
        res.writeHead(400, { "Content-Type": "application/json", "X-Echo": auth });
        res.end(
          JSON.stringify({
            code: 21211,
            message: `Invalid 'To': you sent ${auth}, that is ${decoded}`,
            more_info: `https://www.twilio.com/docs/errors/21211?auth=${auth}`,
            status: 400,
            details: { authorization: auth, decoded, nested: { deeper: [decoded, SECRET] } },
          }),
        );
      });
      const { error } = await rejection(clientFor(transport, server.baseUrl).create(params));
      expect(error).toBeInstanceOf(TwilioApiError);
      const e = error as TwilioApiError;
      expect(e.status).toBe(400);
      const views = {
        message: e.message,
        stack: String(e.stack),
        string: String(e),
        inspect: inspect(e, { depth: 10 }),
        json: JSON.stringify(e),
      };
      for (const [view, text] of Object.entries(views))
        for (const form of FORMS) expect(text, `${view} holds ${form}`).not.toContain(form);
    });
  });

  describe("the client, given a redirect", () => {
    it("does not follow a 307 to a host off the machine: it rejects with a TwilioApiError of status 307", async () => {
      const server = await startHttpServer((_, res) => {
        res.writeHead(307, { Location: "http://redirect-target.invalid/x" });
        res.end();
      });
      const { error } = await rejection(clientFor(transport, server.baseUrl).fetch(SID));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect((error as TwilioApiError).status).toBe(307);
      expect(inspect(error, { depth: 10 })).not.toContain("ENOTFOUND");
      expect(server.requests).toHaveLength(1);
    });

    it("does not follow a 308 on a create to another path of the same server", async () => {
      const server = await startHttpServer((req, res) => {
        res.writeHead(req.url.startsWith("/elsewhere") ? 201 : 308, { Location: "/elsewhere" });
        res.end(JSON.stringify(completedCall()));
      });
      const { error } = await rejection(clientFor(transport, server.baseUrl).create(params));
      expect(error).toBeInstanceOf(TwilioApiError);
      expect((error as TwilioApiError).status).toBe(308);
      expect(server.requests.map((r) => r.url)).not.toContainEqual(expect.stringMatching(/^\/elsewhere/));
    });
  });
});
