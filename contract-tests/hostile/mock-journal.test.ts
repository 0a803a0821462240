// What the stateful mock shows of the requests it responded to (the journal, the state, a call's timeline, the event
// stream) never holds a credential a client sent: not a secret-named key of a raw query string, not the password of
// a callback URL that failed validation, not a token in a callback URL's query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import { empty, startHttpServer } from "../support/http-server.js";
import { CREATE_PATH, postForm, rawConnection, VALID_CREATE } from "./harness.js";

let mock: RunningMock;
let adminUrl: string;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  adminUrl = mock.adminUrl!;
});
afterAll(() => mock?.stop());

const adminText = async (path: string) => (await fetch(`${adminUrl}${path}`)).text();

/** A watcher of the event stream from now on: everything it has been sent so far, as text. */
function watchEvents() {
  const watcher = rawConnection(mock.baseUrl);
  let seen = "";
  watcher.socket.on("data", (chunk: Buffer) => {
    seen += chunk.toString("utf8");
  });
  watcher.socket.write(`GET /__mock/api/events HTTP/1.1\r\nHost: ${new URL(mock.baseUrl).host}\r\n\r\n`);
  return () => seen;
}

/** What the journal, the state and the event stream hold once the requests `act` makes have their responses. */
async function shownAfter(act: () => Promise<void>): Promise<Record<string, string>> {
  const events = watchEvents();
  await act();
  await fetch(`${adminUrl}/clock/advance`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ms: 5000 }),
  });
  return { journal: await adminText("/journal"), state: await adminText("/state"), events: events() };
}

function expectNowhere(shown: Record<string, string>, secret: string) {
  for (const [where, text] of Object.entries(shown)) expect(text, `the ${where} shows it`).not.toContain(secret);
}

describe("the stateful mock's journal, state and event stream", () => {
  it("hold no value of a secret-named key in a raw query string", async () => {
    const secret = "query-sip-secret-6d0e";
    const shown = await shownAfter(async () => {
      const url = `${mock.baseUrl}${CREATE_PATH}?SipAuthPassword=${secret}&PageSize=2`;
      const response = await fetch(url, { headers: { Authorization: AUTHORIZATION } });
      expect(response.status).toBe(400);
    });
    expect(shown.journal).toContain("SipAuthPassword");
    expectNowhere(shown, secret);
  });

  it("hold no password of a callback URL that failed validation", async () => {
    const secret = "callback-url-secret-19a4";
    const shown = await shownAfter(async () => {
      const callback = `https://user:${secret}@exa mple.com/cb`;
      const response = await postForm(mock.baseUrl, `${VALID_CREATE}&StatusCallback=${encodeURIComponent(callback)}`);
      expect(response.status).toBe(400);
    });
    expect(shown.journal).toContain("StatusCallback");
    expectNowhere(shown, secret);
  });

  it("hold a create whose StatusCallback holds 100,000 query pairs, without its token", async () => {
    const secret = "many-pairs-token-5e21";
    const pairs = Array.from({ length: 100_000 }, () => "k=v").join("&");
    type Journal = { requests: Array<{ id: number; violations: Array<{ field: string }> }> };
    const newest = async () => (JSON.parse(await adminText("/journal")) as Journal).requests[0]?.id ?? 0;
    const before = await newest();
    const shown = await shownAfter(async () => {
      const callback = `https://example.com/cb?token=${secret}&${pairs}`;
      const response = await postForm(mock.baseUrl, `${VALID_CREATE}&StatusCallback=${encodeURIComponent(callback)}`);
      expect(response.status).toBe(400);
    });
    // Recorded at all: redacting that many values once overflowed the stack, and the request was never journaled.
    const [entry] = (JSON.parse(shown.journal ?? "") as Journal).requests;
    expect(entry?.id).toBe(before + 1);
    expect(entry?.violations.map((v) => v.field)).toContain("StatusCallback");
    expectNowhere(shown, secret);
  });

  it("hold no token of a callback URL's query, nor does the call's timeline", async () => {
    const secret = "callback-query-token-c3b7";
    const receiver = await startHttpServer((_, res) => empty(res, 204));
    let sid = "";
    const shown = await shownAfter(async () => {
      const callback = `${receiver.baseUrl}/cb?token=${secret}`;
      const form = `${VALID_CREATE}&StatusCallback=${encodeURIComponent(callback)}&StatusCallbackEvent=initiated`;
      const response = await postForm(mock.baseUrl, form);
      expect(response.status).toBe(201);
      sid = (JSON.parse(response.text) as { sid: string }).sid;
    });
    const timeline = await adminText(`/accounts/${ACCOUNT_SID}/calls/${sid}`);
    // The callback was recorded (and shown) at all: only its token is gone.
    expect(timeline).toContain(`${receiver.baseUrl}/cb`);
    expectNowhere({ ...shown, timeline }, secret);
  });
});
