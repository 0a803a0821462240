// The retired flows end to end on the stateful mock with the call simulator: seed 004's text reaches the number's
// smsUrl signed and valid by the spec's smsRequest, and the seed's <Sms>/<Redirect> reply runs with one warning;
// seed 003's 2008-08-01 create becomes a call that requests its Url with legacyVoiceRequest's fields and
// DialStatus following IfMachine and who answered (+15005550104 is answered by a machine).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { SEED_004_SMS_REPLY } from "../twiml/catalogue.js";
import { startFlowApp } from "./flows-app.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ clock: "manual" });
});
afterAll(() => harness.stop());

const HOTLINE = "+14155551212";

describe("seed 004: a text through the admin API", () => {
  it("reaches the app's smsUrl signed and valid, and the seed's reply runs with one warning and no error", async () => {
    const app = await startFlowApp("smsRequest", { "/sms": SEED_004_SMS_REPLY });
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    const number = await harness.admin.setNumber(accountSid, HOTLINE, {
      voiceUrl: app.url("/voice"),
      smsUrl: app.url("/sms"),
    });
    expect(number).toMatchObject({ smsUrl: app.url("/sms"), smsMethod: "POST" });
    const timeline = await harness.admin.sendText(accountSid, {
      from: "+14158675309",
      to: HOTLINE,
      body: "Hello world",
    });
    expect(app.problems).toEqual([]);
    expect(app.requests.map((r) => r.params)).toEqual([
      { SmsSid: timeline.message.sid, AccountSid: accountSid, From: "+14158675309", To: HOTLINE, Body: "Hello world" },
    ]);
    const response = timeline.conversation.find((e) => e.kind === "response");
    expect(response?.findings?.map((f) => `${f.severity} ${f.rule}`)).toEqual(["warning legacy-sms"]);
    const reply = timeline.conversation.filter((e) => e.kind === "message");
    expect(reply).toMatchObject([{ verb: "Sms", to: "+14158675309" }]);
    expect(reply[0]?.body).toMatch(/^Thanks for texting the Alexander Graham Bell hotline!/);
    // The seed's <Redirect> points at its own server, off this machine: named, not requested.
    expect(timeline.conversation.at(-1)?.text).toMatch(/does not request http:\/\/myserver\.com\/handlePostFlightSms/);
    expect(timeline.conversation.filter((e) => e.kind === "error")).toEqual([]);
    expect(await harness.admin.textTimeline(accountSid, timeline.message.sid)).toEqual(timeline);
  });

  it("runs <Message> and follows a <Redirect> on this machine with the same fields", async () => {
    const app = await startFlowApp("smsRequest", {
      "/sms": "<Response><Redirect>/next</Redirect></Response>",
      "/next": '<Response><Message to="+15551230000">Got it</Message></Response>',
    });
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    await harness.admin.setNumber(accountSid, HOTLINE, { voiceUrl: app.url("/voice"), smsUrl: app.url("/sms") });
    const timeline = await harness.admin.sendText(accountSid, { from: "+14158675309", to: HOTLINE, body: "hi" });
    expect(app.problems).toEqual([]);
    expect(app.requests.map((r) => r.path)).toEqual(["/sms", "/next"]);
    expect(timeline.conversation.filter((e) => e.kind === "message")).toMatchObject([
      { verb: "Message", to: "+15551230000", body: "Got it" },
    ]);
  });

  // Twilio's "TwiML Message: Your Response": plain text is texted back as it is; audio is no reply (12300).
  it.each([
    ["texts back a reply served as text/plain", { type: "text/plain", body: "Thanks!" }, "message", undefined],
    ["refuses a reply served as audio with error 12300", { type: "audio/mpeg", body: "ID3" }, "error", 12300],
  ])("%s", async (_, route, kind, code) => {
    const app = await startFlowApp("smsRequest", { "/sms": route });
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    await harness.admin.setNumber(accountSid, HOTLINE, { smsUrl: app.url("/sms") });
    const timeline = await harness.admin.sendText(accountSid, { from: "+14158675309", to: HOTLINE, body: "hi" });
    const outcome = timeline.conversation.filter((e) => e.kind === "message" || e.kind === "error");
    expect(outcome).toMatchObject([
      kind === "message" ? { kind, body: "Thanks!", to: "+14158675309" } : { kind, code },
    ]);
  });

  it("refuses a text to a number without an smsUrl", async () => {
    const accountSid = freshAccount();
    await harness.admin.setAuthToken(accountSid, AUTH_TOKEN);
    await harness.admin.setNumber(accountSid, HOTLINE, { voiceUrl: "http://127.0.0.1:9/voice" });
    await expect(harness.admin.sendText(accountSid, { from: "+1", to: HOTLINE, body: "x" })).rejects.toMatchObject({
      status: 409,
    });
  });
});

/** A 2008-08-01 create, as seed 003 sends it. */
async function create2008(accountSid: string, form: Record<string, string>) {
  const response = await fetch(`${harness.mock.baseUrl}/2008-08-01/Accounts/${accountSid}/Calls`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${accountSid}:${AUTH_TOKEN}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return /<Sid>(CA[0-9a-f]{32})<\/Sid>/.exec(text)?.[1] as string;
}

describe("seed 003: a 2008-08-01 create on the stateful mock", () => {
  const MACHINE = "+15005550104";
  const SAY = "<Response><Say>Your order has shipped.</Say></Response>";

  it("with IfMachine=Continue, answered by a machine, reaches the app with DialStatus=answered-machine", async () => {
    const app = await startFlowApp("legacyVoiceRequest", { "/call": SAY });
    const accountSid = freshAccount();
    const sid = await create2008(accountSid, {
      Caller: "+14158675309",
      Called: MACHINE,
      Url: app.url("/call"),
      IfMachine: "Continue",
      SendDigits: "1234#",
    });
    await harness.admin.advance(10_000);
    expect(app.problems).toEqual([]);
    expect(app.requests[0]?.params).toMatchObject({
      CallSid: sid,
      AccountSid: accountSid,
      Caller: "+14158675309",
      Called: MACHINE,
      CallStatus: "in-progress",
      DialStatus: "answered-machine",
    });
    const timeline = await harness.admin.timeline(accountSid, sid);
    expect(timeline.conversation.find((e) => e.digits === "1234#")?.text).toMatch(/SendDigits/);
    expect(timeline.conversation.some((e) => e.verb === "Say")).toBe(true);
    expect(timeline.call.status).toBe("completed");
  });

  it("with IfMachine=Hangup, answered by a machine, hangs up and only notifies the app: hangup-machine", async () => {
    const app = await startFlowApp("legacyVoiceRequest", { "/call": SAY });
    const accountSid = freshAccount();
    const sid = await create2008(accountSid, {
      Caller: "+14158675309",
      Called: MACHINE,
      Url: app.url("/call"),
      Method: "GET",
      IfMachine: "Hangup",
    });
    await harness.admin.advance(10_000);
    expect(app.problems).toEqual([]);
    expect(app.requests).toMatchObject([
      { method: "GET", params: { CallSid: sid, DialStatus: "hangup-machine", CallStatus: "completed" } },
    ]);
    const timeline = await harness.admin.timeline(accountSid, sid);
    expect(timeline.call.status).toBe("completed");
    expect(timeline.conversation.some((e) => e.verb === "Say")).toBe(false);
  });

  it("without IfMachine, answered by a person: DialStatus=answered", async () => {
    const app = await startFlowApp("legacyVoiceRequest", { "/call": SAY });
    await create2008(ACCOUNT_SID, { Caller: "+14158675309", Called: "+15005550100", Url: app.url("/call") });
    await harness.admin.advance(10_000);
    expect(app.problems).toEqual([]);
    expect(app.requests[0]?.params.DialStatus).toBe("answered");
  });
});
