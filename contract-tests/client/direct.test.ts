// Over a built-in transport the methods skip openapi-fetch until middleware is added to `raw`. Both ways must put
// the same bytes on the wire and read the same responses the same way; middleware, once added, must see every call.
import type { Middleware } from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { type CallsClient, createCallsClient, type TransportKind } from "../../src/client/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, completedCall, firstPage, queuedCall } from "../support/fixtures.js";
import { empty, json, type Reply, startHttpServer } from "../support/http-server.js";
import { TRANSPORTS } from "../support/transports.js";

// Counts the requests that took the direct way, so that the comparison below is known to compare two ways.
const direct = vi.hoisted(() => ({ sent: 0 }));
vi.mock("../../src/client/direct.js", async (original) => {
  const module = await original<typeof import("../../src/client/direct.js")>();
  return {
    ...module,
    directSend: (...args: Parameters<typeof module.directSend>) => {
      const send = module.directSend(...args);
      return (...request: Parameters<typeof send>) => {
        direct.sent += 1;
        return send(...request);
      };
    },
  };
});

const SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
const twilioError = {
  code: 21201,
  message: "No 'To' number is specified",
  more_info: "https://www.twilio.com/docs/errors/21201",
  status: 400,
};

/** Responds by what was asked: a create, an update, a delete, a list, a fetch, or a 400 for a To of +15005550001. */
const byRequest: Reply = (req, res) => {
  if (req.method === "DELETE") return empty(res, 204);
  if (req.body.includes("To=%2B15005550001")) return json(res, 400, twilioError);
  if (req.method === "POST") return json(res, req.url.endsWith("Calls.json") ? 201 : 200, queuedCall());
  if (req.url.includes("Calls.json")) return json(res, 200, { ...firstPage(), next_page_uri: null });
  res.writeHead(200, { "Content-Type": "application/json" }); // no Content-Length: read as text, then parsed
  res.end(JSON.stringify(completedCall()));
};

/** Every method once, with what each returned or threw. */
async function everyMethod(client: CallsClient) {
  const settle = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      (error: Error) => ({ error: { ...error, message: error.message } }),
    );
  const create = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/t" };
  return [
    await settle(client.create({ ...create, StatusCallbackEvent: ["initiated", "completed"], Record: true })),
    await settle(client.create({ ...create, To: "+15005550001" })),
    await settle(client.update(SID, { Status: "completed" })),
    await settle(client.update(SID, {})),
    await settle(client.remove(SID)),
    await settle(client.list({ Status: "completed", "StartTime<": "2026-11-01", PageSize: 2 })),
    await settle(client.fetch(SID)),
  ];
}

const seen = (server: Awaited<ReturnType<typeof startHttpServer>>) =>
  server.requests.map(({ method, url, body, headers }) => ({
    method,
    url,
    body,
    headers: Object.fromEntries(
      [
        "accept",
        "accept-encoding",
        "authorization",
        "content-type",
        "content-length",
        "transfer-encoding",
        "x-added",
      ].map((name) => [name, headers[name]]),
    ),
  }));

async function run(transport: TransportKind, middleware?: Middleware) {
  const server = await startHttpServer(byRequest);
  const client = createCallsClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.baseUrl,
    transport,
    retry: { maxAttempts: 1 },
  });
  if (middleware) client.raw.use(middleware);
  const before = direct.sent;
  const results = await everyMethod(client);
  return { results, requests: seen(server), sentDirectly: direct.sent - before };
}

describe.each(TRANSPORTS)("over the %s transport, without openapi-fetch and through it", (transport) => {
  it("sends the same requests and returns or throws the same", async () => {
    const directly = await run(transport);
    const throughOpenapiFetch = await run(transport, { onRequest: () => undefined });
    expect([directly.sentDirectly, throughOpenapiFetch.sentDirectly]).toEqual([7, 0]);
    expect(directly.requests).toHaveLength(7);
    expect(directly.requests).toEqual(throughOpenapiFetch.requests);
    expect(directly.results).toEqual(throughOpenapiFetch.results);
  });

  it("hands every call to middleware once some is added to raw", async () => {
    const methods: string[] = [];
    const { requests } = await run(transport, {
      onRequest({ request }) {
        methods.push(request.method);
        request.headers.set("x-added", "by middleware");
        return undefined;
      },
    });
    expect(methods).toEqual(["POST", "POST", "POST", "POST", "DELETE", "GET", "GET"]);
    expect(requests.map((r) => r.headers["x-added"])).toEqual(Array(7).fill("by middleware"));
  });
});
