// The typed client against a real HTTP server on loopback: what goes on the wire, and what comes back.
import { describe, expect, it } from "vitest";
import type { TransportKind } from "../../src/client/index.js";
import { type Call, CallsError, createCallsClient, TwilioApiError } from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, completedCall, firstPage, queuedCall } from "../support/fixtures.js";
import { empty, json, type Reply, startHttpServer } from "../support/http-server.js";
import { TRANSPORTS } from "../support/transports.js";

async function clientServedBy(transport: TransportKind, reply: Reply) {
  const server = await startHttpServer(reply);
  return {
    client: createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: server.baseUrl,
      transport,
      retry: { maxAttempts: 1 },
    }),
    server,
  };
}

const LIST = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;

describe.each(TRANSPORTS)("over the %s transport", (transport) => {
  describe("form encoding", () => {
    it("sends repeated keys for arrays, true/false for booleans and no key for undefined", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) => json(res, 201, queuedCall()));
      await client.create({
        To: "+13105555555",
        From: "+12125551234",
        Url: "https://example.com/twiml?step=1&x=a%2Fb",
        StatusCallbackEvent: ["initiated", "ringing"],
        Record: true,
        Timeout: 30,
        SendDigits: "ww1234#",
        CallReason: undefined,
      });
      expect(server.requests[0]!.body).toBe(
        "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml%3Fstep%3D1%26x%3Da%252Fb" +
          "&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&Record=true&Timeout=30&SendDigits=ww1234%23",
      );
      expect(server.requests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    });

    it("sends false rather than dropping it", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) => json(res, 201, queuedCall()));
      await client.create({ To: "client:joey", From: "+12125551234", Twiml: "<Response/>", Record: false });
      expect(server.requests[0]!.body).toBe(
        "To=client%3Ajoey&From=%2B12125551234&Twiml=%3CResponse%2F%3E&Record=false",
      );
    });
  });

  describe("requests", () => {
    it("authenticates with HTTP Basic built from the account SID and auth token", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) => json(res, 200, completedCall()));
      await client.fetch("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b");
      const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
      expect(server.requests[0]!.headers.authorization).toBe(expected);
      expect(server.requests[0]!.headers.accept).toBe("application/json");
    });

    it("posts createCall to the account's Calls.json and returns the typed Call", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) => json(res, 201, queuedCall()));
      const call: Call = await client.create({
        To: "+13105555555",
        From: "+12125551234",
        Url: "https://example.com/t",
      });
      expect(server.requests[0]).toMatchObject({ method: "POST", url: LIST });
      expect(call.status).toBe("queued");
      expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    });

    it("sends update as a form POST to the call and delete as DELETE", async () => {
      const { client, server } = await clientServedBy(transport, (req, res) =>
        req.method === "DELETE" ? empty(res, 204) : json(res, 200, completedCall()),
      );
      const sid = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
      await client.update(sid, { Status: "completed" });
      await expect(client.remove(sid)).resolves.toBeUndefined();
      expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
        ["POST", `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`, "Status=completed"],
        ["DELETE", `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`, ""],
      ]);
    });

    it("encodes list filters, including the StartTime< form", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) =>
        json(res, 200, { ...firstPage(), next_page_uri: null }),
      );
      await client.list({ Status: "completed", "StartTime<": "2026-11-01", PageSize: 2 });
      expect(server.requests[0]!.url).toBe(`${LIST}?Status=completed&StartTime%3C=2026-11-01&PageSize=2`);
    });
  });

  describe("errors", () => {
    const twilioError = {
      code: 21201,
      message: "No 'To' number is specified",
      more_info: "https://www.twilio.com/docs/errors/21201",
      status: 400,
    };

    it("throws a TwilioApiError carrying Twilio's code, message, more_info and status", async () => {
      const { client } = await clientServedBy(transport, (_, res) => json(res, 400, twilioError));
      const error = await client
        .create({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/t" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TwilioApiError);
      expect(error).toMatchObject({
        kind: "api",
        code: 21201,
        message: twilioError.message,
        moreInfo: twilioError.more_info,
        status: 400,
      });
    });

    it("marks a 429 as rate-limited", async () => {
      const { client } = await clientServedBy(transport, (_, res) =>
        json(res, 429, { ...twilioError, code: 20429, message: "Too Many Requests", status: 429 }),
      );
      await expect(client.fetch("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b")).rejects.toMatchObject({
        kind: "rate-limited",
        code: 20429,
        status: 429,
      });
    });

    it("keeps the HTTP status and a piece of the body when the error is not Twilio-shaped", async () => {
      const { client } = await clientServedBy(transport, (_, res) => {
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end("upstream went away");
      });
      const error = (await client
        .fetch("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b")
        .catch((e: unknown) => e)) as TwilioApiError;
      expect(error).toMatchObject({ kind: "api", status: 502, code: undefined });
      expect(error.message).toContain("upstream went away");
    });

    it("reports an unreachable server as a network error that does not contain the auth token", async () => {
      const { client, server } = await clientServedBy(transport, (_, res) => json(res, 200, {}));
      await server.close();
      const error = (await client.fetch("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b").catch((e: unknown) => e)) as CallsError;
      expect(error).toBeInstanceOf(CallsError);
      expect(error.kind).toBe("network");
      expect(JSON.stringify({ message: error.message, stack: error.stack, error })).not.toContain(AUTH_TOKEN);
    });
  });

  describe("paging", () => {
    function threePages(): Reply {
      return (req, res) => {
        const url = new URL(req.url, "http://x");
        const page = Number(url.searchParams.get("Page") ?? 0);
        const body = firstPage();
        body.calls = body.calls.map((call, i) => ({ ...call, sid: `CA${String(page * 2 + i).padStart(32, "0")}` }));
        body.page = page;
        body.uri = `${LIST}?PageSize=2&Page=${page}`;
        body.previous_page_uri = page === 0 ? null : `${LIST}?PageSize=2&Page=${page - 1}`;
        body.next_page_uri = page === 2 ? null : `${LIST}?PageSize=2&Page=${page + 1}&PageToken=PA${page}`;
        json(res, 200, body);
      };
    }

    it("follows next_page_uri across three pages and stops at null", async () => {
      const { client, server } = await clientServedBy(transport, threePages());
      const sids: string[] = [];
      for await (const call of client.each({ PageSize: 2 })) sids.push(call.sid);
      expect(sids).toEqual([0, 1, 2, 3, 4, 5].map((n) => `CA${String(n).padStart(32, "0")}`));
      expect(server.requests.map((r) => r.url)).toEqual([
        `${LIST}?PageSize=2`,
        `${LIST}?PageSize=2&Page=1&PageToken=PA0`,
        `${LIST}?PageSize=2&Page=2&PageToken=PA1`,
      ]);
    });

    it("stops with an error when a server repeats a next_page_uri", async () => {
      const { client } = await clientServedBy(transport, (_, res) =>
        json(res, 200, { ...firstPage(), next_page_uri: `${LIST}?Page=1&PageToken=same` }),
      );
      const pages = async () => {
        for await (const _ of client.pages()) {
          /* drain */
        }
      };
      await expect(pages()).rejects.toThrow(/next_page_uri .* twice/);
    });
  });
});

describe("a fetch of your own", () => {
  it("sends the same bytes and reads the same responses through Node's global fetch", async () => {
    const server = await startHttpServer((_, res) => json(res, 201, queuedCall()));
    const client = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: server.baseUrl,
      fetch: (request) => fetch(request),
    });
    await expect(
      client.create({ To: "client:joey", From: "+12125551234", Twiml: "<Response/>", Record: false }),
    ).resolves.toMatchObject({ status: "queued" });
    expect(server.requests[0]!.body).toBe("To=client%3Ajoey&From=%2B12125551234&Twiml=%3CResponse%2F%3E&Record=false");
  });

  it("keeps the time limit through a fetch of your own, and does not retry a create that timed out", async () => {
    // Someone's own fetch does not say how far a request got, so a create that timed out counts as maybe placed.
    const server = await startHttpServer(() => undefined /* never responds */);
    const client = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: server.baseUrl,
      fetch: (request) => fetch(request),
      timeoutMs: 200,
    });
    const error = await client
      .create({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/t" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout", mayHaveBeenPlaced: true, attempts: 1 });
  });
});
