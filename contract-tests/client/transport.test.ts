// The built-in transports themselves: what each says about a failure (could the request have reached the server?),
// each as someone's own fetch, and undici loaded on the first request rather than at import.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { mayHaveReachedServer } from "../../src/client/failures.js";
import { createCallsClient, createHttpTransport } from "../../src/client/index.js";
import { builtModule } from "../support/cli.js";
import { ACCOUNT_SID, AUTH_TOKEN, completedCall, queuedCall } from "../support/fixtures.js";
import { closedServerUrl, empty, json, startHttpServer } from "../support/http-server.js";
import { TRANSPORTS } from "../support/transports.js";

const SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
const FORM = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

/** The transport's rejection of one form POST to `baseUrl`. */
async function failureOf(transport: (typeof TRANSPORTS)[number], baseUrl: string, signal?: AbortSignal) {
  const send = createHttpTransport({ transport });
  const request = new Request(`${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: FORM,
    ...(signal ? { signal } : {}),
  });
  return send(request).then(
    () => {
      throw new Error("expected the request to fail, and it succeeded");
    },
    (error: unknown) => error,
  );
}

describe.each(TRANSPORTS)("the %s transport", (transport) => {
  it("says a refused connection never reached the server", async () => {
    const error = await failureOf(transport, await closedServerUrl());
    expect(mayHaveReachedServer(error)).toBe(false);
  });

  it("says a connection dropped after the server read the request may have reached it", async () => {
    const server = await startHttpServer((_, res) => res.socket?.destroy());
    const error = await failureOf(transport, server.baseUrl);
    expect(server.requests.map((r) => r.body)).toEqual([FORM]);
    expect(mayHaveReachedServer(error)).toBe(true);
  });

  it("says a request aborted while waiting for the response may have reached the server", async () => {
    const server = await startHttpServer(() => undefined /* never responds */);
    const controller = new AbortController();
    const pending = failureOf(transport, server.baseUrl, controller.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    const reason = new Error("stop waiting");
    controller.abort(reason);
    const error = await pending;
    expect(error).toMatchObject({ name: "AbortError", message: "stop waiting", cause: reason });
    expect(mayHaveReachedServer(error)).toBe(true);
  });

  it("sends nothing for a request whose signal has already aborted, and says so", async () => {
    const server = await startHttpServer((_, res) => json(res, 201, queuedCall()));
    const error = await failureOf(transport, server.baseUrl, AbortSignal.abort());
    expect(error).toMatchObject({ name: "AbortError" });
    expect(mayHaveReachedServer(error)).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it("keeps apart what one signal did to two requests: one sent, one not", async () => {
    const server = await startHttpServer(() => undefined /* never responds */);
    const controller = new AbortController();
    const sent = failureOf(transport, server.baseUrl, controller.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort(new Error("stop both"));
    const first = await sent;
    const second = await failureOf(transport, server.baseUrl, controller.signal);
    expect([mayHaveReachedServer(first), mayHaveReachedServer(second)]).toEqual([true, false]);
    expect(server.requests).toHaveLength(1);
  });

  it("works as someone's own fetch: real Requests in, real Responses out", async () => {
    const server = await startHttpServer((req, res) =>
      req.method === "DELETE" ? empty(res, 204) : json(res, 201, queuedCall()),
    );
    const client = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: server.baseUrl,
      fetch: createHttpTransport({ transport }),
    });
    await expect(
      client.create({ To: "+13105555555", From: "+12125551234", Url: "https://example.com/t" }),
    ).resolves.toMatchObject({ status: "queued" });
    await expect(client.remove(SID)).resolves.toBeUndefined();
    expect(server.requests.map((r) => [r.method, r.body, r.headers["accept-encoding"]])).toEqual([
      ["POST", FORM, "identity"],
      ["DELETE", "", "identity"],
    ]);
  });
});

describe("choosing a transport", () => {
  it("refuses a fetch of your own and a transport together, and a transport it does not have", () => {
    const base = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
    expect(() => createCallsClient({ ...base, fetch, transport: "node" })).toThrow(/either fetch or transport/);
    expect(() => createHttpTransport({ transport: "curl" as "node" })).toThrow(/"undici" or "node", not curl/);
  });
});

describe("loading undici", () => {
  const entry = builtModule("client/index.js");
  // A fresh process, since this one may have loaded undici already: it says whether any undici module is loaded
  // after the import, after creating a client, and after one request.
  const probe = `
    const { createRequire } = await import("node:module");
    const cache = createRequire(process.cwd() + "/").cache;
    const loaded = () => Object.keys(cache).some((path) => path.includes("/node_modules/undici/"));
    const { createCallsClient } = await import(${JSON.stringify(entry)});
    const seen = { afterImport: loaded() };
    const calls = createCallsClient({
      accountSid: ${JSON.stringify(ACCOUNT_SID)},
      authToken: "token",
      baseUrl: process.env.BASE_URL,
      transport: process.env.TRANSPORT || undefined,
    });
    seen.afterClient = loaded();
    await calls.fetch(${JSON.stringify(SID)});
    seen.afterRequest = loaded();
    console.log(JSON.stringify(seen));
    process.exit(0);
  `;
  async function loadedIn(env: Record<string, string>) {
    const server = await startHttpServer((_, res) => json(res, 200, completedCall()));
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", probe], {
      env: { ...process.env, BASE_URL: server.baseUrl, ...env },
    });
    return JSON.parse(stdout);
  }

  it("loads undici on the first request of the default transport, not at import or when a client is made", async () => {
    await expect(loadedIn({})).resolves.toEqual({ afterImport: false, afterClient: false, afterRequest: true });
  });

  it("never loads undici with transport: node", async () => {
    await expect(loadedIn({ TRANSPORT: "node" })).resolves.toEqual({
      afterImport: false,
      afterClient: false,
      afterRequest: false,
    });
  });
});
