import { createAdminClient, startMock } from "calls-contract/mock";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startIvr } from "../../examples/ivr/app.js";

const accountSid = "AC0123456789abcdef0123456789abcdef";
const authToken = "test-token";
const OUR_NUMBER = "+13105550000";
const SALES = "+13105552222";
const CALLER = "+12125551234";

const mock = await startMock({ stateful: true, clock: "manual" });
const admin = createAdminClient(mock.adminUrl as string);
const ivr = await startIvr({ authToken, salesNumber: SALES });

beforeAll(async () => {
  // The simulator signs with the account's token, as Twilio signs with yours; the number runs the IVR.
  await admin.setAuthToken(accountSid, authToken);
  await admin.setNumber(accountSid, OUR_NUMBER, { voiceUrl: ivr.voiceUrl });
});
afterAll(async () => {
  await ivr.close();
  await mock.stop();
});

/** Moves the mock's clock a second at a time until the call's conversation shows `text`. */
async function until(callSid: string, text: string) {
  for (let second = 0; second < 120; second++) {
    const timeline = await admin.timeline(accountSid, callSid);
    if (timeline.conversation.some((entry) => entry.text.includes(text))) return timeline;
    await admin.advance(1000);
  }
  throw new Error(`the call never got to "${text}"`);
}

test("a caller presses 1 and talks to sales", async () => {
  const call = await admin.placeInboundCall(accountSid, { from: CALLER, to: OUR_NUMBER });
  expect(call).toMatchObject({ direction: "inbound", status: "ringing" });

  await admin.pressDigits(accountSid, call.sid, "1"); // stops the menu's prompt; /menu hears Digits=1
  await admin.advance(60_000); // "Connecting you", then sales rings 5 s and talks 30 s (the mock's default)

  const timeline = await admin.timeline(accountSid, call.sid);
  expect(timeline.call.status).toBe("completed");
  const dialled = timeline.conversation.find((entry) => entry.kind === "leg");
  expect(dialled?.text).toContain(SALES);
  const requests = timeline.conversation.filter((entry) => entry.kind === "request").map((entry) => entry.purpose);
  expect(requests).toEqual(["voice-url", "action", "action"]); // /voice, /menu, /after-dial
});

test("when sales does not answer, the caller leaves a voicemail", async () => {
  await admin.setOutcomeForTo(accountSid, SALES, { outcome: "no-answer" });
  const call = await admin.placeInboundCall(accountSid, { from: CALLER, to: OUR_NUMBER });
  await admin.pressDigits(accountSid, call.sid, "1");

  await until(call.sid, "records"); // the Dial rang out (20 s); the prompt and the beep came first
  await admin.saySpeech(accountSid, call.sid, "Hello, I would like to order the owl book.");
  await admin.advance(3000); // the words take 3.6 s; the recording began in the second before `until` saw it
  await admin.pressDigits(accountSid, call.sid, "#"); // ends the recording; its action is /message

  expect(ivr.messages).toEqual([{ from: CALLER, url: expect.stringContaining("/Recordings/RE"), seconds: 4 }]);
  await admin.advance(10_000); // "Thank you. Goodbye.", then <Hangup>
  expect((await admin.timeline(accountSid, call.sid)).call.status).toBe("completed");
});
