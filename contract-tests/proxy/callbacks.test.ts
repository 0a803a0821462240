// The proxy as the receiver of Twilio's callbacks for an app: each one is passed on to the app unchanged, at the
// app's URL followed by the rest of the path, whatever it holds; its signature and its fields are what get judged.
import { describe, expect, it } from "vitest";
import type { HarEntry } from "../../src/har/types.js";
import { replayEntries } from "../../src/verify/replay.js";
import { computeSignature } from "../../src/webhooks.js";
import { ACCOUNT_SID, queuedCall } from "../support/fixtures.js";
import { closedServerUrl, empty, startHttpServer } from "../support/http-server.js";
import { startRecordingProxy } from "../support/proxy.js";

const TOKEN = "callback-test-token-31b";
const FIELDS = {
  CallSid: queuedCall().sid,
  AccountSid: ACCOUNT_SID,
  From: "+12125551234",
  To: "+13105555555",
  CallStatus: "ringing",
  ApiVersion: "2010-04-01",
  Direction: "outbound-api",
  CallbackSource: "call-progress-events",
  SequenceNumber: "1",
  Timestamp: "Tue, 24 Nov 2026 18:01:09 +0000",
};

async function receiver(publicUrl?: string) {
  const app = await startHttpServer((_, res) => empty(res, 204));
  const proxy = await startRecordingProxy({
    // API requests are not part of these tests: nothing listens there.
    target: new URL(await closedServerUrl()),
    callbacks: {
      appUrl: new URL(`${app.baseUrl}/hooks`),
      authToken: TOKEN,
      ...(publicUrl ? { publicUrl: new URL(publicUrl) } : {}),
    },
  });
  return { app, baseUrl: proxy.baseUrl, entries: proxy.entries };
}

function post(url: string, body: string, signature?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (signature !== undefined) headers["X-Twilio-Signature"] = signature;
  return fetch(url, { method: "POST", headers, body });
}

const summary = (entries: HarEntry[]) =>
  replayEntries(entries).outcomes.map((o) => `${o.subject} ${o.operation} ${o.check} ${o.passed}`);

describe("the proxy receiving Twilio's callbacks", () => {
  it("passes each callback on to the app and judges its signature, as sent, forged or missing", async () => {
    const proxy = await receiver();
    const url = `${proxy.baseUrl}/callbacks/status?leg=a`;
    const body = new URLSearchParams(FIELDS).toString();
    for (const signature of [
      computeSignature(TOKEN, url, body),
      computeSignature("another-token", url, body),
      undefined,
    ])
      expect((await post(url, body, signature)).status).toBe(204);
    expect(proxy.app.requests.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill("POST /hooks/status?leg=a"));
    expect(proxy.app.requests.every((r) => r.body === body)).toBe(true);
    const entries = await proxy.entries();
    expect(entries.map((e) => e._callsContract?.signature)).toEqual(["valid", "mismatch", "missing"]);
    expect(summary(entries)).toEqual([
      "exchange #1 statusCallback callback-signature true",
      "exchange #1 statusCallback callback-schema true",
      "exchange #2 statusCallback callback-signature false",
      "exchange #2 statusCallback callback-schema true",
      "exchange #3 statusCallback callback-signature false",
      "exchange #3 statusCallback callback-schema true",
    ]);
  });

  it("judges an incoming text at /callbacks/sms and a message's status at /callbacks/sms-status (seed 004)", async () => {
    const proxy = await receiver();
    const text = new URLSearchParams({
      SmsSid: "SM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98",
      AccountSid: ACCOUNT_SID,
      From: "+14158675309",
      To: "+14155551212",
      Body: "Hello world",
    }).toString();
    const status = "SmsSid=SM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98&SmsStatus=queued";
    for (const [path, body] of [
      ["sms", text],
      ["sms-status", status],
    ] as const) {
      const url = `${proxy.baseUrl}/callbacks/${path}`;
      expect((await post(url, body, computeSignature(TOKEN, url, body))).status).toBe(204);
    }
    expect(proxy.app.requests.map((r) => r.url)).toEqual(["/hooks/sms", "/hooks/sms-status"]);
    expect(summary(await proxy.entries())).toEqual([
      "exchange #1 smsRequest callback-signature true",
      "exchange #1 smsRequest callback-schema true",
      "exchange #2 smsStatusCallback callback-signature true",
      "exchange #2 smsStatusCallback callback-schema false",
    ]);
  });

  it("checks a GET callback's fields in its query, and signs against the public URL it is given", async () => {
    const publicUrl = "https://hooks.example.invalid/tw";
    const proxy = await receiver(publicUrl);
    const query = new URLSearchParams({ ...FIELDS, CallStatus: "answered" }).toString();
    const signature = computeSignature(TOKEN, `${publicUrl}/callbacks/status?${query}`);
    const response = await fetch(`${proxy.baseUrl}/callbacks/status?${query}`, {
      headers: { "X-Twilio-Signature": signature },
    });
    expect(response.status).toBe(204);
    expect(proxy.app.requests[0]?.url).toBe(`/hooks/status?${query}`);
    const entries = await proxy.entries();
    const outcomes = replayEntries(entries).outcomes;
    expect(outcomes.map((o) => `${o.check} ${o.passed}`)).toEqual(["callback-signature true", "callback-schema false"]);
    expect(outcomes[1]?.details).toEqual([expect.stringMatching(/^CallStatus breaks enum: .*got "answered"$/)]);
  });

  it("passes on a path it has no webhook for, and a replay lists it as skipped", async () => {
    const proxy = await receiver();
    expect((await post(`${proxy.baseUrl}/callbacks/unknown`, "a=1")).status).toBe(204);
    expect(proxy.app.requests[0]?.url).toBe("/hooks/unknown");
    const replay = replayEntries(await proxy.entries());
    expect(replay.outcomes).toEqual([]);
    expect(replay.skipped[0]?.reason).toBe("POST /callbacks/unknown is not an operation of the Calls API");
  });
});
