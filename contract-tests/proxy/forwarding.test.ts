// What the proxy passes on and back: responses byte for byte (a redirect is a response, never followed), bodies
// larger than it keeps still delivered whole, a compressed response relayed but not inflated, a target that does
// not respond turned into a Twilio-shaped 502, and each of these recorded for what it was.
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ProxyLimits } from "../../src/proxy/index.js";
import { replayEntries } from "../../src/verify/replay.js";
import { ACCOUNT_SID, AUTHORIZATION, completedCall } from "../support/fixtures.js";
import { closedServerUrl, type Reply, startHttpServer } from "../support/http-server.js";
import { startRecordingProxy } from "../support/proxy.js";

const FETCH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${completedCall().sid}.json`;
const CREATE = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;

function proxyTo(targetUrl: string, options: { enforce?: boolean; limits?: Partial<ProxyLimits> } = {}) {
  return startRecordingProxy({ target: new URL(targetUrl), ...options });
}

/** A raw GET: the bytes and headers as they arrive, nothing decoded. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(url, { headers: { Authorization: AUTHORIZATION, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

const serve =
  (status: number, body: Buffer | string, headers: Record<string, string> = {}): Reply =>
  (_, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(body);
  };

describe("the proxy's forwarding", () => {
  it("relays a response byte for byte, headers included, and asks the target for an unencoded one", async () => {
    const text = `${JSON.stringify(completedCall(), null, 3)}\n`;
    const target = await startHttpServer(serve(200, text, { "X-Request-Id": "r-1" }));
    const proxy = await proxyTo(target.baseUrl);
    const response = await rawGet(`${proxy.baseUrl}${FETCH}`, { "Accept-Encoding": "gzip, br" });
    expect(response.status).toBe(200);
    expect(response.body.toString("utf8")).toBe(text);
    expect(response.headers["x-request-id"]).toBe("r-1");
    expect(target.requests[0]?.headers["accept-encoding"]).toBe("identity");
    expect(target.requests[0]?.headers.authorization).toBe(AUTHORIZATION);
    const [entry] = await proxy.entries();
    expect(entry?.response.content.text).toBe(text);
  });

  it("puts a target's base path before each request's path", async () => {
    const target = await startHttpServer(serve(200, JSON.stringify(completedCall())));
    const proxy = await proxyTo(`${target.baseUrl}/staging/api/`);
    expect((await rawGet(`${proxy.baseUrl}${FETCH}`)).status).toBe(200);
    expect(target.requests[0]?.url).toBe(`/staging/api${FETCH}`);
    // The operation is still recognised under the prefix.
    const { outcomes } = replayEntries(await proxy.entries());
    expect(outcomes.every((o) => o.operation === "fetchCall" && o.passed)).toBe(true);
  });

  it("relays a redirect as the response and does not follow it", async () => {
    const target = await startHttpServer(serve(302, "", { Location: "http://elsewhere.invalid/x" }));
    const proxy = await proxyTo(target.baseUrl);
    const response = await rawGet(`${proxy.baseUrl}${FETCH}`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("http://elsewhere.invalid/x");
    expect(target.requests).toHaveLength(1);
    const entries = await proxy.entries();
    expect(entries[0]?.response.redirectURL).toBe("http://elsewhere.invalid/x");
    const failed = replayEntries(entries).outcomes.filter((o) => !o.passed);
    expect(failed.map((o) => `${o.check} ${o.actual}`)).toEqual(["status-declared 302"]);
  });

  it("delivers a response larger than it keeps in full, and records it as not read", async () => {
    const big = JSON.stringify({ ...completedCall(), padding: "x".repeat(64 * 1024) });
    const target = await startHttpServer(serve(200, big));
    const proxy = await proxyTo(target.baseUrl, { limits: { maxResponseBytes: 4096 } });
    const response = await rawGet(`${proxy.baseUrl}${FETCH}`);
    expect(response.body.toString("utf8")).toBe(big);
    const entries = await proxy.entries();
    expect(entries[0]?._callsContract?.unread).toBe("larger than the 4096 bytes the proxy keeps");
    expect(entries[0]?.response.content.text).toBeUndefined();
    const schema = replayEntries(entries).outcomes.find((o) => o.check === "response-schema");
    expect(schema).toMatchObject({ passed: false, actual: "200, larger than the 4096 bytes the proxy keeps" });
  });

  it("relays a compressed response untouched and does not inflate it", async () => {
    const gz = gzipSync(JSON.stringify(completedCall()));
    const target = await startHttpServer(serve(200, gz, { "Content-Encoding": "gzip" }));
    const proxy = await proxyTo(target.baseUrl);
    const response = await rawGet(`${proxy.baseUrl}${FETCH}`);
    expect(response.body.equals(gz)).toBe(true);
    const [entry] = await proxy.entries();
    expect(entry?._callsContract?.unread).toBe("sent gzip-encoded; the proxy does not inflate responses");
  });

  it("responds Twilio's way when the target does not respond, and records that there was no response", async () => {
    const proxy = await proxyTo(await closedServerUrl());
    const response = await rawGet(`${proxy.baseUrl}${FETCH}`);
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body.toString("utf8"))).toMatchObject({ code: 20500, status: 502 });
    const entries = await proxy.entries();
    expect(entries[0]?.response.status).toBe(0);
    const declared = replayEntries(entries).outcomes.find((o) => o.check === "status-declared");
    expect(declared).toMatchObject({ passed: false, actual: "no response (ECONNREFUSED)" });
  });

  it("passes on a body larger than it reads, whole, unless --enforce refuses it with a 413", async () => {
    const target = await startHttpServer(serve(201, "{}"));
    const body = `To=%2B13105555555&From=%2B12125551234&Twiml=${"x".repeat(8192)}`;
    const send = (baseUrl: string) =>
      fetch(`${baseUrl}${CREATE}`, {
        method: "POST",
        headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
    const open = await proxyTo(target.baseUrl, { limits: { maxBodyBytes: 1024 } });
    expect((await send(open.baseUrl)).status).toBe(201);
    expect(target.requests[0]?.body).toBe(body);
    const [passed] = await open.entries();
    expect(passed?._callsContract?.requestUnread).toBe("larger than the 1024 bytes the proxy reads");
    expect(passed?.request.postData?.params).toBeUndefined();

    const enforcing = await proxyTo(target.baseUrl, { enforce: true, limits: { maxBodyBytes: 1024 } });
    const refused = await send(enforcing.baseUrl);
    expect(refused.status).toBe(413);
    expect((await refused.json()).code).toBe(20001);
    expect(target.requests).toHaveLength(1);
    const [blocked] = await enforcing.entries();
    expect(blocked?._callsContract).toMatchObject({ blocked: true });
  });
});
