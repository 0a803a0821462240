// The admin API's paths for the call simulator against openapi/mock-admin.yaml: every response here is checked
// against the response the document gives for its operation and status, in ok/fail pairs. Paths are the issue's:
// PUT /accounts/{AccountSid}, PUT .../numbers/{PhoneNumber}, PUT .../applications/{ApplicationSid},
// POST .../calls, POST .../calls/{Sid}/digits, .../speech, .../hangup.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentedAdmin, type Method } from "../stateful/admin-document.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { startTwimlApp } from "./app.js";
import { CALLER, NUMBER } from "./harness.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness();
});
afterAll(() => harness.stop());
afterEach(() => harness.admin.reset());

const admin = (method: Method, path: string, documented: string, body?: unknown) =>
  documentedAdmin(harness.mock.adminUrl as string, method, path, documented, body);
const errorOf = (body: unknown) => (body as { error: string }).error;
const number = `/accounts/{AccountSid}/numbers/{PhoneNumber}`;
const calls = "/accounts/{AccountSid}/calls";
const encoded = encodeURIComponent(NUMBER);

describe("PUT /accounts/{AccountSid}", () => {
  it("keeps the auth token (204, never shown again), and refuses an empty one", async () => {
    const accountSid = freshAccount();
    expect(
      (await admin("put", `/accounts/${accountSid}`, "/accounts/{AccountSid}", { authToken: AUTH_TOKEN })).status,
    ).toBe(204);
    const empty = await admin("put", `/accounts/${accountSid}`, "/accounts/{AccountSid}", { authToken: "" });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await harness.admin.state())).not.toContain(AUTH_TOKEN);
  });
});

describe("PUT /accounts/{AccountSid}/numbers/{PhoneNumber}", () => {
  it("gives the number its voice URLs, shown without credentials or query values", async () => {
    const accountSid = freshAccount();
    const { status, body } = await admin("put", `/accounts/${accountSid}/numbers/${encoded}`, number, {
      voiceUrl: "http://user:pw@127.0.0.1:3000/voice?key=secret",
      statusCallbackMethod: "GET",
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      phoneNumber: NUMBER,
      voiceUrl: "http://127.0.0.1:3000/voice?key=%5Bredacted%5D",
      voiceMethod: "POST",
      voiceFallbackUrl: null,
      statusCallback: null,
      statusCallbackMethod: "GET",
    });
  });

  it("refuses a number that is not E.164 and a voiceUrl that is not http(s), naming them", async () => {
    const accountSid = freshAccount();
    const notE164 = await admin("put", `/accounts/${accountSid}/numbers/3105550000`, number, {
      voiceUrl: "http://127.0.0.1/v",
    });
    expect([notE164.status, errorOf(notE164.body)]).toEqual([400, expect.stringMatching(/^PhoneNumber must be/)]);
    const ftp = await admin("put", `/accounts/${accountSid}/numbers/${encoded}`, number, {
      voiceUrl: "ftp://127.0.0.1/v",
    });
    expect([ftp.status, errorOf(ftp.body)]).toEqual([
      400,
      expect.stringMatching(/^voiceUrl must be an absolute http\(s\) URL/),
    ]);
  });

  it("refuses an smsUrl that is not text with the URL rule, as for voiceUrl", async () => {
    const notText = await admin("put", `/accounts/${freshAccount()}/numbers/${encoded}`, number, { smsUrl: 5 });
    expect([notText.status, errorOf(notText.body)]).toEqual([
      400,
      "smsUrl must be an absolute http(s) URL; the simulator requests it only on this machine, got 5",
    ]);
  });
});

describe("PUT /accounts/{AccountSid}/applications/{ApplicationSid}", () => {
  it("keeps the TwiML App, and refuses an ApplicationSid that is not AP and 32 hex digits", async () => {
    const accountSid = freshAccount();
    const path = "/accounts/{AccountSid}/applications/{ApplicationSid}";
    const sid = "AP0123456789abcdef0123456789abcdef";
    const ok = await admin("put", `/accounts/${accountSid}/applications/${sid}`, path, {
      voiceUrl: "http://127.0.0.1/app",
    });
    expect(ok.body).toMatchObject({ applicationSid: sid, voiceMethod: "POST" });
    const bad = await admin("put", `/accounts/${accountSid}/applications/AP1`, path, {
      voiceUrl: "http://127.0.0.1/app",
    });
    expect(bad.status).toBe(400);
  });
});

describe("POST /accounts/{AccountSid}/calls", () => {
  it("places an inbound call to the number: 201 with the Call, direction inbound", async () => {
    const app = await startTwimlApp({ "/voice": "<Response><Pause length='60'/></Response>" });
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    await harness.admin.setNumber(accountSid, NUMBER, { voiceUrl: app.url("/voice") });
    const { status, body } = await admin("post", `/accounts/${accountSid}/calls`, calls, { from: CALLER, to: NUMBER });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      direction: "inbound",
      status: "ringing",
      account_sid: accountSid,
      parent_call_sid: null,
    });
    expect(app.problems).toEqual([]);
  });

  it("responds 404 for a number the account was not given, and 409 with no token to sign with", async () => {
    const accountSid = freshAccount();
    const missing = await admin("post", `/accounts/${accountSid}/calls`, calls, { from: CALLER, to: NUMBER });
    expect([missing.status, errorOf(missing.body)]).toEqual([
      404,
      expect.stringContaining(`PUT /accounts/${accountSid}/numbers/${encoded} first`),
    ]);
    await harness.admin.setNumber(accountSid, NUMBER, { voiceUrl: "http://127.0.0.1:9/voice" });
    const unsigned = await admin("post", `/accounts/${accountSid}/calls`, calls, { from: CALLER, to: NUMBER });
    expect([unsigned.status, errorOf(unsigned.body)]).toEqual([409, expect.stringContaining("no auth token")]);
  });
});

describe("the caller: digits, speech, hangup", () => {
  it("respond with the call's timeline, and refuse what does not fit the call", async () => {
    const app = await startTwimlApp({
      "/voice": `<Response><Gather input="dtmf speech" timeout="60" action="/a"/></Response>`,
      "/a": "<Response/>",
    });
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    await harness.admin.setNumber(accountSid, NUMBER, { voiceUrl: app.url("/voice") });
    const { sid } = await harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    const call = `${calls}/{Sid}`;
    const badKeys = await admin("post", `/accounts/${accountSid}/calls/${sid}/digits`, `${call}/digits`, {
      digits: "12a",
    });
    expect(badKeys.status).toBe(400);
    const sure = await admin("post", `/accounts/${accountSid}/calls/${sid}/speech`, `${call}/speech`, {
      text: "yes",
      confidence: 2,
    });
    expect([sure.status, errorOf(sure.body)]).toEqual([400, "confidence must be a number from 0 to 1, got 2"]);
    const said = await admin("post", `/accounts/${accountSid}/calls/${sid}/speech`, `${call}/speech`, { text: "yes" });
    expect(said.status).toBe(200);
    expect(app.to("/a").map((r) => [r.params.SpeechResult, r.params.Confidence])).toEqual([["yes", "1"]]);
    const hungUp = await admin("post", `/accounts/${accountSid}/calls/${sid}/hangup`, `${call}/hangup`);
    expect([hungUp.status, hungUp.body]).toEqual([
      409,
      { error: "the call is completed; the caller acts on a call in progress" },
    ]);
    const nobody = await admin("post", `/accounts/${accountSid}/calls/CA0123/digits`, `${call}/digits`, {
      digits: "1",
    });
    expect([nobody.status, errorOf(nobody.body)]).toEqual([404, `no call CA0123 on account ${accountSid}`]);
    expect(app.problems).toEqual([]);
  });

  it("refuses keys for a call whose instructions are off this machine, with 409", async () => {
    const accountSid = freshAccount();
    const created = await harness
      .client(accountSid)
      .create({ To: "+13105555555", From: CALLER, Url: "https://example.com/twiml" });
    await harness.admin.advance(5000);
    const keys = await admin("post", `/accounts/${accountSid}/calls/${created.sid}/digits`, `${calls}/{Sid}/digits`, {
      digits: "1",
    });
    expect([keys.status, errorOf(keys.body)]).toEqual([409, expect.stringContaining("runs no TwiML for this call")]);
    const gone = await admin("post", `/accounts/${accountSid}/calls/${created.sid}/hangup`, `${calls}/{Sid}/hangup`);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({
      call: { status: "completed" },
      conversation: [{ side: "caller", text: "hangs up" }],
    });
  });
});
