// verify-app's --sms-url: a number's SMS URL held to the spec's smsRequest webhook (seed 004). A faithful handler,
// which checks X-Twilio-Signature with twilio-node's validateRequest and replies with seed 004's <Sms>, passes every
// check but a warning for the legacy <Sms>; every request that claims to be Twilio's passes the spec's validator and
// twilio-node's. Its response is judged as messaging TwiML: voice TwiML to a text is an error.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { validateWebhook } from "../../src/index.js";
import { runVerifyApp } from "../../src/verify-app/index.js";
import { runCli } from "../support/cli.js";
import { startWebhookApp } from "../support/http-server.js";
import { SEED_004_SMS_REPLY } from "../twiml/catalogue.js";

const require = createRequire(import.meta.url);
const { validateRequest } = require("twilio/lib/webhooks/webhooks.js") as {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string>): boolean;
};
const TOKEN = "sms-url-test-token-7a6b5c";

const VOICE_REPLY = "<Response><Say>Thanks for calling.</Say></Response>";

async function startSmsApp(reply = SEED_004_SMS_REPLY) {
  const seen: Array<{ method: string; params: Record<string, string>; signed: boolean }> = [];
  const server = await startWebhookApp((received, res) => {
    const signed = validateRequest(TOKEN, received.signature, received.url, received.form);
    seen.push({ method: received.method, params: received.params, signed });
    if (!signed) res.writeHead(403).end();
    else res.writeHead(200, { "Content-Type": "text/xml" }).end(reply);
  });
  return { url: `${server.baseUrl}/sms`, seen };
}

describe("verify-app --sms-url", { timeout: 60_000 }, () => {
  it("holds a faithful SMS handler to smsRequest: every check passes but <Sms>'s warning, by POST and GET", async () => {
    const app = await startSmsApp();
    const result = await runVerifyApp({ endpoints: { smsRequest: app.url }, authToken: TOKEN });
    const failed = result.outcomes.filter((o) => !o.passed);
    expect(failed.map((o) => [o.check, o.severity, o.subject])).toEqual([
      ["twiml-valid", "warning", 'example "hotline"'],
    ]);
    expect(failed[0]?.details).toEqual([expect.stringMatching(/<Sms>/)]);
    expect(result.skipped).toEqual([]);
    expect(new Set(app.seen.map((r) => r.method))).toEqual(new Set(["GET", "POST"]));
    const claimed = app.seen.filter((r) => r.signed);
    expect(claimed.length).toBeGreaterThan(3);
    for (const r of claimed) expect(validateWebhook("smsRequest", r.params).violations).toEqual([]);
    expect(claimed.every((r) => !r.params.From?.startsWith("client:"))).toBe(true);
  });

  it("fails an SMS handler that answers a text with voice TwiML, on every request it answers", async () => {
    const app = await startSmsApp(VOICE_REPLY);
    const result = await runVerifyApp({ endpoints: { smsRequest: app.url }, authToken: TOKEN });
    const failed = result.outcomes.filter((o) => !o.passed);
    expect(failed.find((o) => o.check === "twiml-valid")).toMatchObject({
      severity: "error",
      expected: "text/xml, application/xml or text/html with valid messaging TwiML",
      details: [expect.stringMatching(/Say/)],
    });
    const variants = failed.filter((o) => o.check === "tolerates-new-fields" || o.check === "every-status-handled");
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.every((o) => o.severity === "error")).toBe(true);
  });

  it("is a flag of the command", async () => {
    const app = await startSmsApp();
    const run = await runCli(["verify-app", "--sms-url", app.url, "--auth-token", TOKEN]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/smsRequest/);
  });
});
