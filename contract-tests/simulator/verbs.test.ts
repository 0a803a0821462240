// One test per verb the simulator runs, on the mock's manual clock, each through an inbound call placed with the
// admin API; the verb table of docs/call-simulator.md lists exactly these verbs, with what the simulator's own list
// (SIMULATED_VERBS) says each does, and a test below holds the three to one another. Every request the app gets is
// checked against the spec's webhooks and twilio-node's validateRequest (app.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OTHER_VERBS, SIMULATED_VERBS } from "../../src/mock/stateful/simulator/verbs.js";
import { CALLER, callIn, simulatorSuite, statuses, texts, verbsRun } from "./harness.js";

const sim = simulatorSuite("verbs");
const { seconds, serve } = sim;

/** The tests of each verb, by the verb's tag. */
const VERB_TESTS: Record<string, Array<[string, () => Promise<void>]>> = {
  Say: [
    [
      "takes its words' time at 150 words a minute, times loop, then the document's end hangs up",
      async () => {
        const call = await callIn(
          sim.harness,
          await serve({ "/voice": `<Response><Say loop="2">one two three four five</Say></Response>` }),
        );
        await seconds(3.9);
        expect((await call.fetch()).status).toBe("in-progress");
        await seconds(0.1);
        expect(await call.fetch()).toMatchObject({ status: "completed", duration: "4" });
        expect(texts(await call.timeline(), "verb")).toEqual([
          'says "one two three four five", 2 times',
          "no more verbs: the call hangs up",
        ]);
      },
    ],
  ],
  Play: [
    [
      "takes 5 s a play, without fetching the audio, and 0.5 s a key or w of digits",
      async () => {
        const app = await serve({
          "/voice": `<Response><Play>http://127.0.0.1:9/hold.mp3</Play><Play digits="1w2"/></Response>`,
        });
        const call = await callIn(sim.harness, app);
        await seconds(6.4);
        expect((await call.fetch()).status).toBe("in-progress");
        await seconds(0.1);
        expect(await call.fetch()).toMatchObject({ status: "completed", duration: "7" });
        expect(app.requests.map((r) => r.path)).toEqual(["/voice"]);
      },
    ],
  ],
  Pause: [
    [
      "takes its length; as an inbound call's first verb it waits before the call is answered",
      async () => {
        const call = await callIn(
          sim.harness,
          await serve({ "/voice": `<Response><Pause length="3"/><Say>hi</Say></Response>` }),
        );
        await seconds(2.9);
        expect((await call.fetch()).status).toBe("ringing");
        await seconds(0.1);
        expect((await call.fetch()).status).toBe("in-progress");
        await seconds(1);
        expect(statuses(await call.timeline())).toEqual(["ringing", "in-progress", "completed"]);
      },
    ],
  ],
  Gather: [
    [
      "hears keys up to numDigits and requests its action with Digits; verbs after it never run",
      async () => {
        const served = await serve({
          "/voice": `<Response><Gather numDigits="2" action="/menu"><Say>Press two keys</Say></Gather><Say>never</Say></Response>`,
          "/menu": `<Response><Hangup/></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await seconds(1);
        const after = await sim.harness.admin.pressDigits(call.accountSid, call.sid, "42");
        expect(served.to("/menu").map((r) => r.params.Digits)).toEqual(["42"]);
        expect(after.call.status).toBe("completed");
        expect(texts(after, "verb")).not.toContain('says "never"');
      },
    ],
    [
      "hears speech as SpeechResult and Confidence when input takes speech",
      async () => {
        const served = await serve({
          "/voice": `<Response><Gather input="speech dtmf" action="/said"><Say>Say sales</Say></Gather></Response>`,
          "/said": `<Response><Hangup/></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await sim.harness.admin.saySpeech(call.accountSid, call.sid, "sales", 0.87);
        expect(served.to("/said").map((r) => [r.params.SpeechResult, r.params.Confidence])).toEqual([
          ["sales", "0.87"],
        ]);
      },
    ],
    [
      "with no input by its timeout, goes on to the next verb and requests no action",
      async () => {
        const served = await serve({
          "/voice": `<Response><Gather timeout="3" action="/menu"><Say>one</Say></Gather><Say>goodbye</Say></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await seconds(0.4 + 3 + 0.4);
        const timeline = await call.timeline();
        expect(timeline.call.status).toBe("completed");
        expect(texts(timeline, "verb")).toContain("heard nothing: the next verb runs");
        expect(served.to("/menu")).toEqual([]);
      },
    ],
    [
      "hears keys pressed before it ran, and a finishOnKey ends it without being sent",
      async () => {
        const served = await serve({
          "/voice": `<Response><Say>Welcome to the menu</Say><Gather action="/menu"><Say>choose</Say></Gather></Response>`,
          "/menu": `<Response><Hangup/></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await sim.harness.admin.pressDigits(call.accountSid, call.sid, "7#");
        await seconds(2);
        expect(served.to("/menu").map((r) => r.params.Digits)).toEqual(["7"]);
      },
    ],
  ],
  Record: [
    [
      "records the caller's words until a key, then requests the action and the recording status callback",
      async () => {
        const served = await serve({
          "/voice": `<Response><Record action="/recorded" recordingStatusCallback="/recording"/></Response>`,
          "/recorded": `<Response><Say>thanks</Say></Response>`,
        });
        const call = await callIn(sim.harness, served);
        // Ten words, 4 s at the speaking rate; then the caller presses # after 6 s.
        await sim.harness.admin.saySpeech(
          call.accountSid,
          call.sid,
          "one two three four five six seven eight nine ten",
        );
        await seconds(6);
        await sim.harness.admin.pressDigits(call.accountSid, call.sid, "#");
        const [action] = served.to("/recorded");
        expect(action?.params).toMatchObject({ RecordingDuration: "4", Digits: "#" });
        expect(action?.params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
        expect(action?.params.RecordingUrl).toBe(
          `https://api.twilio.com/2010-04-01/Accounts/${call.accountSid}/Recordings/${action?.params.RecordingSid}`,
        );
        await sim.harness.mock.settled?.();
        expect(served.to("/recording").map((r) => r.params)).toEqual([
          expect.objectContaining({
            RecordingStatus: "completed",
            RecordingSid: action?.params.RecordingSid,
            CallSid: call.sid,
          }),
        ]);
      },
    ],
    [
      "with nothing said, ends after its timeout of silence and runs the next verb without the action",
      async () => {
        const served = await serve({
          "/voice": `<Response><Record timeout="2" action="/recorded"/><Say>nothing</Say></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await seconds(2 + 0.4);
        expect((await call.fetch()).status).toBe("completed");
        expect(served.to("/recorded")).toEqual([]);
      },
    ],
  ],
  Dial: [
    [
      "places a leg with parent_call_sid, seen by fetch and list, and requests the action with DialCallStatus",
      async () => {
        const served = await serve({
          "/voice": `<Response><Dial action="/dialled" timeout="20">+13105551111</Dial></Response>`,
          "/dialled": `<Response><Hangup/></Response>`,
        });
        const call = await callIn(sim.harness, served);
        const client = sim.harness.client(call.accountSid);
        const [leg] = (await client.list({ ParentCallSid: call.sid })).calls;
        expect(leg).toMatchObject({
          parent_call_sid: call.sid,
          direction: "outbound-dial",
          to: "+13105551111",
          from: CALLER,
        });
        // The leg rings 5 s, talks 30 s (the default scenario), then hangs up.
        await seconds(35);
        expect(await client.fetch(leg?.sid ?? "")).toMatchObject({ status: "completed", duration: "30" });
        expect(served.to("/dialled").map((r) => r.params)).toEqual([
          expect.objectContaining({ DialCallStatus: "completed", DialCallSid: leg?.sid, DialCallDuration: "30" }),
        ]);
        expect((await call.fetch()).status).toBe("completed");
      },
    ],
    [
      "gives the leg's outcome by its scenario number: busy, with no action the next verb runs",
      async () => {
        const served = await serve({
          "/voice": `<Response><Dial><Number>+15005550101</Number></Dial><Say>busy</Say></Response>`,
        });
        const call = await callIn(sim.harness, served);
        await seconds(2);
        expect(texts(await call.timeline(), "verb")).toContain("ends: DialCallStatus busy");
        await seconds(1);
        expect((await call.fetch()).status).toBe("completed");
      },
    ],
    [
      "joins a named Conference room; a participant with endConferenceOnExit ends it for the others",
      async () => {
        const served = await serve({
          "/voice": `<Response><Dial action="/left"><Conference>standup</Conference></Dial></Response>`,
          "/host": `<Response><Dial><Conference endConferenceOnExit="true">standup</Conference></Dial></Response>`,
          "/left": `<Response><Hangup/></Response>`,
        });
        const guest = await callIn(sim.harness, served);
        await sim.harness.admin.setNumber(guest.accountSid, "+13105550001", { voiceUrl: served.url("/host") });
        const host = await sim.harness.admin.placeInboundCall(guest.accountSid, {
          from: "+12125550002",
          to: "+13105550001",
        });
        const joined = await guest.timeline();
        expect(joined.conversation.filter((e) => e.kind === "conference").at(-1)).toMatchObject({
          conference: "standup",
          participants: [guest.sid, host.sid],
          text: "the conference standup starts",
        });
        await sim.harness.admin.hangUp(guest.accountSid, host.sid);
        expect(served.to("/left").map((r) => r.params.DialCallStatus)).toEqual(["answered"]);
        expect((await guest.fetch()).status).toBe("completed");
      },
    ],
  ],
  Redirect: [
    [
      "requests its URL, relative to the document's, and runs that document",
      async () => {
        const served = await serve({
          "/voice": `<Response><Redirect method="GET">next?step=2</Redirect><Say>never</Say></Response>`,
          "/next": `<Response><Hangup/></Response>`,
        });
        const call = await callIn(sim.harness, served);
        expect(served.to("/next").map((r) => [r.method, r.url.split("?")[1]?.startsWith("step=2&")])).toEqual([
          ["GET", true],
        ]);
        expect((await call.fetch()).status).toBe("completed");
      },
    ],
  ],
  Hangup: [
    [
      "ends the call; as the first verb the call is answered first",
      async () => {
        const call = await callIn(
          sim.harness,
          await serve({ "/voice": `<Response><Hangup/><Say>never</Say></Response>` }),
        );
        const timeline = await call.timeline();
        expect(statuses(timeline)).toEqual(["ringing", "in-progress", "completed"]);
        expect(verbsRun(timeline)).toEqual(["Hangup"]);
      },
    ],
  ],
  Reject: [
    [
      "leaves an inbound call unanswered: busy for reason busy, no-answer by default",
      async () => {
        const served = await serve({
          "/voice": `<Response><Reject reason="busy"/></Response>`,
          "/no": "<Response><Reject/></Response>",
        });
        const busy = await callIn(sim.harness, served);
        expect(statuses(await busy.timeline())).toEqual(["ringing", "busy"]);
        const rejected = await callIn(sim.harness, served, "/no");
        expect(statuses(await rejected.timeline())).toEqual(["ringing", "no-answer"]);
        expect((await rejected.fetch()).price).toBeNull();
      },
    ],
  ],
};

/** A verb the simulator does not run: named, and the call ends. */
const OTHER_VERB_TEST: [string, () => Promise<void>] = [
  "is named in the conversation as not simulated, and the call ends",
  async () => {
    const call = await callIn(
      sim.harness,
      await serve({ "/voice": `<Response><Say>hold on</Say><Enqueue>support</Enqueue><Say>never</Say></Response>` }),
    );
    await seconds(1);
    const timeline = await call.timeline();
    expect(timeline.conversation.filter((e) => e.kind === "not-simulated")).toEqual([
      expect.objectContaining({
        verb: "Enqueue",
        path: "Response/Enqueue[1]",
        text: "<Enqueue> is not simulated: the call ends here",
      }),
    ]);
    expect(timeline.call.status).toBe("completed");
    expect(timeline.transitions.at(-1)?.note).toBe("<Enqueue> is not simulated");
  },
];

for (const [verb, tests] of Object.entries(VERB_TESTS)) {
  describe(`<${verb}>`, () => {
    for (const [name, test] of tests) it(name, test);
  });
}
describe("any other verb", () => it(...OTHER_VERB_TEST));

/** The verb table of docs/call-simulator.md: each row's verb and what it says the simulator does. */
function verbTable(): Array<[string, string]> {
  const page = readFileSync(new URL("../../docs/call-simulator.md", import.meta.url), "utf8");
  const start = page.indexOf("## The verbs");
  const section = page.slice(start, page.indexOf("\n## ", start + 1));
  return [...section.matchAll(/^\| `<?([A-Za-z ]+?)>?` \| (.+) \|$/gm)].map((m) => [m[1] as string, m[2] as string]);
}

describe("the verb table of docs/call-simulator.md", () => {
  it("lists the verbs the simulator runs, with what its list says each does, and the verbs tested here", () => {
    const listed = Object.entries(SIMULATED_VERBS).map(([verb, { does }]) => [verb, does]);
    expect(verbTable()).toEqual([...listed, ["any other verb", OTHER_VERBS]]);
    expect(Object.keys(VERB_TESTS)).toEqual(Object.keys(SIMULATED_VERBS));
  });
});
