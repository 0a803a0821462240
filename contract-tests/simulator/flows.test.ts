// The three flows issue 20 is done with, each through the admin API's paths (PUT /accounts/{AccountSid},
// PUT .../numbers/{PhoneNumber}, POST .../calls, POST .../calls/{Sid}/digits, .../hangup) on a manual clock: an
// inbound call through a menu, keys and a <Dial>; an outbound REST call whose <Gather> times out; a caller who hangs
// up mid-menu. The app checks every request it gets against the spec's webhooks and twilio-node (app.ts).
import { describe, expect, it } from "vitest";
import { freshAccount } from "../support/stateful.js";
import { accountWithNumber, CALLER, NUMBER, simulatorSuite, statuses, texts } from "./harness.js";

const sim = simulatorSuite("flows");
const { seconds, serve } = sim;

/** A three-level IVR: main menu, a sales menu, then a transfer to a person. */
function ivr() {
  return serve({
    "/voice": `<Response><Gather numDigits="1" action="/main"><Say>Press 1 for sales, 2 for support.</Say></Gather><Say>Goodbye.</Say></Response>`,
    "/main": (r) =>
      r.params.Digits === "1"
        ? `<Response><Gather numDigits="1" action="/sales"><Say>Press 2 to talk to someone.</Say></Gather></Response>`
        : "<Response><Hangup/></Response>",
    "/sales": `<Response><Say>Connecting you.</Say><Dial action="/after" timeout="15"><Number>+13105552222</Number></Dial></Response>`,
    "/after": (r) => `<Response><Say>The call ended: ${r.params.DialCallStatus}.</Say></Response>`,
    "/status": "",
  });
}

describe("an inbound call through a menu", () => {
  it("is answered, hears the menu, takes two keys, dials a leg of its own, and completes", async () => {
    const app = await ivr();
    const accountSid = await accountWithNumber(sim.harness, app.url("/voice"), { statusCallback: app.url("/status") });
    const placed = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    expect(placed).toMatchObject({ direction: "inbound", status: "ringing", from: CALLER, to: NUMBER });
    const first = app.to("/voice")[0]?.params;
    expect(first).toMatchObject({
      CallSid: placed.sid,
      AccountSid: accountSid,
      Direction: "inbound",
      CallStatus: "ringing",
    });

    await sim.harness.admin.pressDigits(accountSid, placed.sid, "1");
    await seconds(1);
    const menu = await sim.harness.admin.pressDigits(accountSid, placed.sid, "2");
    expect(app.requests.map((r) => [r.path, r.params.Digits])).toEqual([
      ["/voice", undefined],
      ["/main", "1"],
      ["/sales", "2"],
    ]);
    expect(menu.conversation.filter((e) => e.side === "caller").map((e) => e.text)).toEqual(["presses 1", "presses 2"]);

    // "Connecting you." (0.8 s), then the leg rings 5 s and talks 30 s (the default scenario).
    await seconds(1);
    const client = sim.harness.client(accountSid);
    const [leg] = (await client.list({ ParentCallSid: placed.sid })).calls;
    expect(leg).toMatchObject({ direction: "outbound-dial", to: "+13105552222", from: CALLER, status: "ringing" });
    await seconds(40);
    expect(app.to("/after").map((r) => r.params)).toEqual([
      expect.objectContaining({ DialCallStatus: "completed", DialCallSid: leg?.sid, DialCallDuration: "30" }),
    ]);
    const done = await sim.harness.admin.timeline(accountSid, placed.sid);
    expect(statuses(done)).toEqual(["ringing", "in-progress", "completed"]);
    expect(texts(done, "verb")).toContain('says "The call ended: completed."');
    // The number's status callback: completed alone, signed and valid (app.ts checks both).
    await sim.harness.mock.settled?.();
    expect(app.to("/status").map((r) => [r.params.CallStatus, r.params.Direction])).toEqual([["completed", "inbound"]]);
  });
});

describe("an outbound REST call whose Gather times out", () => {
  it("requests the Url when answered, hears nothing, runs the next verb and hangs up without the action", async () => {
    const app = await serve({
      "/voice": `<Response><Gather action="/menu" timeout="5"><Say>Press any key.</Say></Gather><Say>We did not hear you.</Say></Response>`,
    });
    const accountSid = freshAccount();
    const client = sim.harness.client(accountSid);
    const call = await client.create({ To: "+13105553333", From: "+12125550000", Url: app.url("/voice") });
    await seconds(5);
    expect(app.to("/voice").map((r) => r.params)).toEqual([
      expect.objectContaining({
        CallSid: call.sid,
        Direction: "outbound-api",
        CallStatus: "in-progress",
        To: "+13105553333",
      }),
    ]);
    // The prompt (1.2 s), the timeout (5 s), then "We did not hear you." (2 s).
    await seconds(1.2 + 5);
    const timeline = await sim.harness.admin.timeline(accountSid, call.sid);
    expect(texts(timeline, "verb")).toContain("heard nothing: the next verb runs");
    expect(timeline.call.status).toBe("in-progress");
    await seconds(2);
    expect(await client.fetch(call.sid)).toMatchObject({ status: "completed", duration: "8" });
    expect(app.to("/menu")).toEqual([]);
  });
});

describe("a caller who hangs up mid-menu", () => {
  it("ends the call completed, with no action requested and the number's status callback told", async () => {
    const app = await serve({
      "/voice": `<Response><Gather numDigits="3" action="/menu"><Say>Enter your code.</Say></Gather></Response>`,
      "/status": "",
    });
    const accountSid = await accountWithNumber(sim.harness, app.url("/voice"), { statusCallback: app.url("/status") });
    const call = await sim.harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
    await sim.harness.admin.pressDigits(accountSid, call.sid, "12");
    await seconds(2);
    const ended = await sim.harness.admin.hangUp(accountSid, call.sid);
    expect(ended.call).toMatchObject({ status: "completed", duration: "2" });
    expect(ended.transitions.at(-1)?.note).toBe("the far end hung up");
    expect(ended.conversation.slice(-2).map((e) => [e.side, e.text])).toEqual([
      ["caller", "hangs up"],
      ["mock", "the call ended: completed (the far end hung up)"],
    ]);
    await seconds(10);
    expect(app.to("/menu")).toEqual([]);
    await sim.harness.mock.settled?.();
    expect(app.to("/status").map((r) => [r.params.CallStatus, r.params.CallDuration])).toEqual([["completed", "2"]]);
    const again = sim.harness.admin.pressDigits(accountSid, call.sid, "3");
    await expect(again).rejects.toThrow(/the call is completed; the caller acts on a call in progress/);
  });
});
