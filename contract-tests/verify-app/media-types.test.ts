// The media types of the voice URL's response, judged by the rule the simulator keeps (requestTwiml): text/xml,
// application/xml and text/html are read as TwiML; text/plain is said aloud and an audio type played, then Twilio
// hangs up, which is a warning, not a failure Twilio reports; any other type is Twilio's error 12300
// (twilio.com/docs/api/twiml/your_response).
import { describe, expect, it, onTestFinished } from "vitest";
import { runVerifyApp } from "../../src/verify-app/index.js";
import { APP_TOKEN, type AppOptions, MENU, startApp } from "./apps.js";

async function failuresWith(voice: AppOptions["voice"]) {
  const app = await startApp({ voice });
  onTestFinished(app.close);
  const result = await runVerifyApp({ endpoints: { voiceRequest: app.endpoints.voiceRequest }, authToken: APP_TOKEN });
  return result.outcomes
    .filter((o) => !o.passed)
    .map((o) => ({ check: o.check, severity: o.severity, subject: o.subject, details: o.details }));
}

describe("verify-app and the voice URL's media type", () => {
  it("reads text/html as TwiML, as Twilio does", async () => {
    expect(await failuresWith({ contentType: "text/html; charset=utf-8", body: MENU })).toEqual([]);
  });

  it("warns, naming what Twilio does, on text/plain: the text is said, then the call hangs up", async () => {
    const failed = await failuresWith({ contentType: "text/plain", body: "Thanks for calling." });
    expect(failed).toEqual([
      {
        check: "twiml-valid",
        severity: "warning",
        subject: expect.any(String),
        details: [expect.stringMatching(/^text\/plain: Twilio says the text aloud, then hangs up/)],
      },
    ]);
  });

  it("warns on an audio type: the audio is played, then the call hangs up", async () => {
    const failed = await failuresWith({ contentType: "audio/mpeg", body: "ID3" });
    expect(failed.map((f) => [f.check, f.severity, f.details])).toEqual([
      ["twiml-valid", "warning", [expect.stringMatching(/^audio\/mpeg: Twilio plays the audio, then hangs up/)]],
    ]);
  });

  it("fails another type with Twilio's error 12300", async () => {
    const failed = await failuresWith({ contentType: "application/json", body: "{}" });
    expect(failed.filter((f) => f.check === "twiml-valid").map((f) => [f.severity, f.details])).toEqual([
      ["error", [expect.stringMatching(/^error 12300: /)]],
    ]);
  });
});
