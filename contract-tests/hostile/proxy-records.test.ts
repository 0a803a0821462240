// What the recording proxy writes down whatever a client sends: a secret in a body that is not a form or in a
// header of its own naming never reaches the HAR file or the log, a callback URL holding 150,000 query pairs is
// recorded and judged like any other, and a callback whose Host header is not a host is passed on and recorded
// (a callback is never refused).
import { describe, expect, it } from "vitest";
import { AUTHORIZATION, queuedCall } from "../support/fixtures.js";
import { closedServerUrl, empty, json, startHttpServer } from "../support/http-server.js";
import { startRecordingProxy } from "../support/proxy.js";
import { CREATE_PATH, rawRequest, VALID_CREATE } from "./harness.js";

/** A proxy in front of a target that responds to every request with a queued call. */
async function proxyToTarget() {
  const target = await startHttpServer((_, res) => json(res, 201, queuedCall()));
  const proxy = await startRecordingProxy({ target: new URL(target.baseUrl) });
  return { target, proxy };
}

async function post(baseUrl: string, contentType: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${CREATE_PATH}`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": contentType, ...headers },
    body,
  });
  await response.text();
  return response.status;
}

/** Everything the proxy wrote down: the HAR entries as text, and its log lines. */
async function written(proxy: Awaited<ReturnType<typeof startRecordingProxy>>) {
  const entries = await proxy.entries();
  return { entries, text: `${JSON.stringify(entries)}\n${proxy.lines.join("\n")}` };
}

describe("the proxy's HAR file and log hold no secret a client sent", () => {
  it("redacts a SipAuthPassword sent in a JSON body", async () => {
    const { proxy } = await proxyToTarget();
    const secret = "sip-json-secret-4f1c";
    const body = JSON.stringify({ To: "sip:kate@example.com", From: "+12125551234", SipAuthPassword: secret });
    expect(await post(proxy.baseUrl, "application/json", body)).toBe(201);
    const { entries, text } = await written(proxy);
    expect(entries).toHaveLength(1);
    expect(text).toContain("SipAuthPassword");
    expect(text).not.toContain(secret);
  });

  it("redacts a SipAuthPassword sent in a text/plain body", async () => {
    const { proxy } = await proxyToTarget();
    const secret = "sip-text-secret-8a2d";
    expect(await post(proxy.baseUrl, "text/plain", `${VALID_CREATE}&SipAuthPassword=${secret}`)).toBe(201);
    const { entries, text } = await written(proxy);
    expect(entries).toHaveLength(1);
    expect(text).not.toContain(secret);
  });

  it("redacts an X-Auth-Token header, keeping its name", async () => {
    const { target, proxy } = await proxyToTarget();
    const secret = "x-auth-secret-93be";
    const form = "application/x-www-form-urlencoded";
    expect(await post(proxy.baseUrl, form, VALID_CREATE, { "X-Auth-Token": secret })).toBe(201);
    // Passed on as sent: only the record is redacted.
    expect(target.requests[0]?.headers["x-auth-token"]).toBe(secret);
    const { entries, text } = await written(proxy);
    expect(entries[0]?.request.headers.map((h) => h.name)).toContain("X-Auth-Token");
    expect(text).not.toContain(secret);
  });
});

describe("the proxy records what a hostile client sends", () => {
  it("records and judges a create whose StatusCallback holds 150,000 query pairs", async () => {
    const { target, proxy } = await proxyToTarget();
    // About 600 KB encoded: under the 1 MiB the proxy reads, so the request is judged in full.
    const callback = `https://example.com/cb?${"a&".repeat(150_000)}`;
    const body = `${VALID_CREATE}&StatusCallback=${encodeURIComponent(callback)}`;
    expect(await post(proxy.baseUrl, "application/x-www-form-urlencoded", body)).toBe(201);
    expect(target.requests).toHaveLength(1);
    const { entries } = await written(proxy);
    expect(proxy.lines.filter((line) => line.includes("the proxy failed"))).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.request.postData?.params?.map((p) => p.name)).toContain("StatusCallback");
  });

  it("passes on and records a callback whose Host header is not a host", async () => {
    const app = await startHttpServer((_, res) => empty(res, 204));
    const proxy = await startRecordingProxy({
      // API requests are not part of this test: nothing listens there.
      target: new URL(await closedServerUrl()),
      callbacks: { appUrl: new URL(`${app.baseUrl}/hooks`), authToken: "callback-host-token-71" },
    });
    const body = "CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing";
    const request =
      "POST /callbacks/status HTTP/1.1\r\nHost: not a host\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    const response = await rawRequest(proxy.baseUrl, request, 5000);
    expect(response.status).toBe(204);
    expect(app.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /hooks/status"]);
    const entries = await proxy.entries();
    expect(entries.map((e) => e._callsContract?.webhook)).toEqual(["statusCallback"]);
  });
});
