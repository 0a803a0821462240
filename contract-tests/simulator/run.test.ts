// Item 1 of issue 20: how the simulator requests and reads a call's TwiML. The request is the spec's voiceRequest,
// with Method (GET puts it in the query), signed with the account's auth token (the admin API's, else the last
// Calls API request's); AnsweredBy when machine detection was asked for. A failure is Twilio's error code in the
// conversation (11200, 11205, 12100, 12300), then FallbackUrl with ErrorCode and ErrorUrl, else the call ends. Every
// document's findings stay with the call. Only URLs on this machine are requested: a Url elsewhere keeps the
// scenario. An update with Url or Twiml abandons the running verb.
import { describe, expect, it } from "vitest";
import type { CreateCallParams } from "../../src/client/index.js";
import { statefulInternals } from "../../src/mock/stateful/internals.js";
import { MAX_DOCUMENTS_PER_CALL } from "../../src/mock/stateful/simulator/defaults.js";
import { closedServerUrl } from "../support/http-server.js";
import { freshAccount } from "../support/stateful.js";
import { accountWithNumber, CALLER, NUMBER, simulatorSuite, statuses, texts, verbsRun } from "./harness.js";

const sim = simulatorSuite("run");
const { seconds, serve } = sim;
const HANG_UP = "<Response><Hangup/></Response>";
const place = (accountSid: string, form: Partial<CreateCallParams>) =>
  sim.harness.client(accountSid).create({ To: "+13105554444", From: "+12125550000", ...form } as CreateCallParams);

describe("the request for a call's TwiML", () => {
  it("is the spec's voiceRequest, in the query for Method GET, with AnsweredBy when MachineDetection asked", async () => {
    const app = await serve({ "/voice": HANG_UP });
    const accountSid = freshAccount();
    const call = await place(accountSid, {
      To: "+15005550104",
      Url: app.url("/voice?menu=main"),
      Method: "GET",
      MachineDetection: "Enable",
    });
    await seconds(5);
    const [request] = app.to("/voice");
    expect(request?.method).toBe("GET");
    expect(request?.params).toEqual({
      menu: "main",
      CallSid: call.sid,
      AccountSid: accountSid,
      From: "+12125550000",
      To: "+15005550104",
      CallStatus: "in-progress",
      ApiVersion: "2010-04-01",
      Direction: "outbound-api",
      AnsweredBy: "machine_end_beep",
    });
  });

  it("is signed with the token the admin API set for the account, not the request's", async () => {
    const app = await serve({ "/voice": HANG_UP }, "the-account-token");
    const accountSid = freshAccount();
    await place(accountSid, { Url: app.url("/voice") });
    // Set after the create: a registered account's Calls API takes only its own token (stateful/account-auth.ts).
    await sim.harness.admin.setAuthToken(accountSid, "the-account-token");
    await seconds(5);
    expect(app.to("/voice")).toHaveLength(1);
  });

  it("runs a create's inline Twiml without a request, and keeps its findings", async () => {
    const accountSid = freshAccount();
    const call = await place(accountSid, { Twiml: `<Response><Say voice="robot">hi</Say></Response>` });
    await seconds(5);
    const timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    const [document] = timeline.conversation.filter((e) => e.kind === "document");
    expect(document?.findings?.map((f) => [f.severity, f.path])).toEqual([["error", "Response/Say[1]"]]);
    expect(texts(timeline, "error")).toEqual([
      "warning 12200: the document breaks TwiML's schema in 1 places (see its findings)",
    ]);
    expect(verbsRun(timeline)).toEqual(["Say"]);
  });

  it("is not sent to a URL off this machine: the call keeps its scenario", async () => {
    const accountSid = freshAccount();
    const call = await place(accountSid, { Url: "https://example.com/twiml" });
    await seconds(5 + 30);
    const timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(timeline.call).toMatchObject({ status: "completed", duration: "30" });
    expect(timeline.conversation).toEqual([]);
  });

  it("goes to a TwiML App's voiceUrl for a create that names its ApplicationSid", async () => {
    const app = await serve({ "/app": HANG_UP, "/status": "" });
    const accountSid = freshAccount();
    const applicationSid = "AP0123456789abcdef0123456789abcdef";
    await sim.harness.admin.setApplication(accountSid, applicationSid, {
      voiceUrl: app.url("/app"),
      statusCallback: app.url("/status"),
    });
    await place(accountSid, { ApplicationSid: applicationSid });
    await seconds(5);
    await sim.harness.mock.settled?.();
    expect(app.requests.map((r) => [r.path, r.params.CallStatus])).toEqual([
      ["/app", "in-progress"],
      ["/status", "completed"],
    ]);
  });
});

describe("a request that fails", () => {
  const failing: Array<[string, number, () => Promise<string>]> = [
    ["a 404 is error 11200", 11200, async () => (await serve({})).url("/missing")],
    [
      "a type Twilio neither runs, says nor plays is error 12300",
      12300,
      async () => (await serve({ "/t": { contentType: "application/json", body: HANG_UP } })).url("/t"),
    ],
    [
      "a document that is not XML is error 12100",
      12100,
      async () => (await serve({ "/x": "<Response><Say>" })).url("/x"),
    ],
    [
      "a root other than <Response> is error 12100",
      12100,
      async () => (await serve({ "/r": "<Say>hi</Say>" })).url("/r"),
    ],
    ["no connection is error 11205", 11205, async () => `${await closedServerUrl()}/voice`],
  ];
  for (const [name, code, urlOf] of failing) {
    it(`${name}, and with no FallbackUrl the call ends`, async () => {
      const accountSid = await accountWithNumber(sim.harness, await urlOf());
      const placed = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
      const timeline = await sim.harness.admin.timeline(accountSid, placed.sid);
      expect(timeline.conversation.filter((e) => e.kind === "error").map((e) => e.code)).toEqual([code, code]);
      expect(statuses(timeline)).toEqual(["ringing", "in-progress", "completed"]);
      expect(timeline.transitions.at(-1)?.note).toBe(`error ${code}`);
    });
  }

  it("goes to the FallbackUrl with ErrorCode and ErrorUrl, and runs what it returns", async () => {
    const app = await serve({ "/broken": { status: 500 }, "/fallback": "<Response><Say>Sorry</Say></Response>" });
    const accountSid = await accountWithNumber(sim.harness, app.url("/broken"), {
      voiceFallbackUrl: app.url("/fallback"),
    });
    const call = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    expect(app.to("/fallback").map((r) => [r.params.ErrorCode, r.params.ErrorUrl, r.params.CallSid])).toEqual([
      ["11200", app.url("/broken"), call.sid],
    ]);
    expect(verbsRun(await sim.harness.admin.timeline(accountSid, call.sid))).toEqual(["Say"]);
  });

  it("of an action goes to the create's FallbackUrl too", async () => {
    const app = await serve({ "/voice": `<Response><Redirect>/gone</Redirect></Response>`, "/fallback": HANG_UP });
    const accountSid = freshAccount();
    await place(accountSid, { Url: app.url("/voice"), FallbackUrl: app.url("/fallback"), FallbackMethod: "GET" });
    await seconds(5);
    expect(app.requests.map((r) => [r.method, r.path, r.params.ErrorCode])).toEqual([
      ["POST", "/voice", undefined],
      ["POST", "/gone", undefined],
      ["GET", "/fallback", "11200"],
    ]);
  });
});

describe("a response that is not TwiML", () => {
  // twilio.com/docs/api/twiml/your_response: text/plain is read aloud, an audio type played, then Twilio hangs up.
  it("of text/plain is said, then the call hangs up", async () => {
    const app = await serve({ "/voice": { contentType: "text/plain; charset=utf-8", body: "Thanks   for calling." } });
    const accountSid = await accountWithNumber(sim.harness, app.url("/voice"));
    const placed = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    await seconds(5);
    const timeline = await sim.harness.admin.timeline(accountSid, placed.sid);
    expect(verbsRun(timeline)).toEqual(["Say"]);
    expect(texts(timeline, "verb")[0]).toContain('says "Thanks for calling."');
    expect(texts(timeline, "response")).toEqual([
      "responded 200 with text/plain: Twilio says the text aloud, then hangs up",
    ]);
    expect(timeline.conversation.filter((e) => e.kind === "error")).toEqual([]);
    expect(statuses(timeline)).toEqual(["ringing", "in-progress", "completed"]);
  });

  it("of an audio type is played, then the call hangs up", async () => {
    const app = await serve({ "/voice": { contentType: "audio/mpeg", body: "ID3" } });
    const accountSid = await accountWithNumber(sim.harness, app.url("/voice"));
    const placed = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    await seconds(10);
    const timeline = await sim.harness.admin.timeline(accountSid, placed.sid);
    expect(verbsRun(timeline)).toEqual(["Play"]);
    expect(texts(timeline, "verb")[0]).toContain(`plays "${app.url("/voice")}"`);
    expect(texts(timeline, "response")).toEqual([
      "responded 200 with audio/mpeg: Twilio plays the audio, then hangs up",
    ]);
    expect(statuses(timeline)).toEqual(["ringing", "in-progress", "completed"]);
  });
});

describe("an update with Url or Twiml", () => {
  it("abandons the running verb and runs the new document", async () => {
    const app = await serve({
      "/voice": `<Response><Gather action="/menu" timeout="60"><Say>Waiting</Say></Gather></Response>`,
      "/next": `<Response><Say>Moved</Say></Response>`,
    });
    const accountSid = freshAccount();
    const client = sim.harness.client(accountSid);
    const call = await place(accountSid, { Url: app.url("/voice") });
    await seconds(10);
    await client.update(call.sid, { Url: app.url("/next") });
    await seconds(0);
    let timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(verbsRun(timeline)).toEqual(["Gather", "Say", "Say"]);
    expect(timeline.conversation.filter((e) => e.kind === "request").map((e) => e.purpose)).toEqual([
      "voice-url",
      "update",
    ]);
    await client.update(call.sid, { Twiml: "<Response><Hangup/></Response>" });
    timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(timeline.call.status).toBe("completed");
    expect(app.to("/menu")).toEqual([]);
  });
});

describe("a call its scenario runs", () => {
  it("is taken over by an update whose Url is on this machine, and ends by its TwiML", async () => {
    const app = await serve({ "/now": "<Response><Say>one two three four five</Say></Response>" });
    const accountSid = freshAccount();
    const client = sim.harness.client(accountSid);
    const call = await place(accountSid, { Url: "https://example.com/twiml" });
    await seconds(6);
    await client.update(call.sid, { Url: app.url("/now") });
    await seconds(2);
    const timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(timeline.call).toMatchObject({ status: "completed", duration: "3" });
    expect(timeline.transitions.at(-1)?.note).toBe("the document ended");
  });
});

describe("the event stream", () => {
  it("tells each entry of a conversation as a conversation event, with its call", async () => {
    const frames: string[] = [];
    const stop = statefulInternals(sim.harness.mock).hub.subscribe((frame) => frames.push(frame));
    try {
      const app = await serve({ "/voice": HANG_UP });
      const accountSid = await accountWithNumber(sim.harness, app.url("/voice"));
      const call = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
      const told = frames
        .filter((f) => f.startsWith("event: conversation\n"))
        .map((f) => JSON.parse(f.slice(f.indexOf("data: ") + 6)));
      expect(told.map((e) => [e.callSid, e.side, e.kind])).toEqual(
        (await sim.harness.admin.timeline(accountSid, call.sid)).conversation.map((e) => [call.sid, e.side, e.kind]),
      );
    } finally {
      stop?.();
    }
  });
});

describe("the simulator's bounds", () => {
  it(`ends a call whose documents redirect in a loop after ${MAX_DOCUMENTS_PER_CALL} documents`, async () => {
    const app = await serve({ "/loop": "<Response><Redirect>/loop</Redirect></Response>" });
    const accountSid = await accountWithNumber(sim.harness, app.url("/loop"));
    const call = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    const timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(app.requests).toHaveLength(MAX_DOCUMENTS_PER_CALL);
    expect(timeline.call.status).toBe("completed");
    expect(timeline.conversation.length).toBeLessThanOrEqual(256);
    expect(timeline.conversation.at(-1)?.kind).toBe("limit");
  });
});
