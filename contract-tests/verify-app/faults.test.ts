// verify-app against small apps with one known fault each: it fails with the check that names the fault, on the
// request that shows it, and passes the faithful app. Every request it sends as Twilio's passes the spec's webhook
// validators and twilio-node's validateRequest; the forged ones pass the validators and fail validateRequest.
import { describe, expect, it, onTestFinished } from "vitest";
import { validateWebhook, type WebhookId } from "../../src/index.js";
import { runVerifyApp, type VerifyAppResult } from "../../src/verify-app/index.js";
import { closedServerUrl } from "../support/http-server.js";
import { APP_TOKEN, type AppOptions, type Fault, startApp } from "./apps.js";

async function verifyApp(options: AppOptions = {}, limits: { requestTimeoutMs?: number; slowMs?: number } = {}) {
  const app = await startApp(options);
  onTestFinished(app.close);
  const result = await runVerifyApp({ endpoints: app.endpoints, authToken: APP_TOKEN, ...limits });
  return { app, result };
}

/** The checks that failed, each with the subjects it failed on. */
function failures(result: VerifyAppResult): Record<string, string[]> {
  const failed: Record<string, string[]> = {};
  for (const o of result.outcomes.filter((o) => !o.passed)) {
    const key = `${o.severity} ${o.check}`;
    failed[key] = [...(failed[key] ?? []), o.subject];
  }
  return failed;
}

const WEBHOOK_OF_PATH: Record<string, WebhookId> = {
  "/voice": "voiceRequest",
  "/menu": "voiceRequest",
  "/after-dial": "voiceRequest",
  "/recorded": "voiceRequest",
  "/status": "statusCallback",
  "/recording": "recordingStatusCallback",
  "/amd": "asyncAmdStatusCallback",
};

describe("verify-app against a faithful app", () => {
  it("passes every check, walks the whole menu, and sends only requests the spec and twilio-node accept", async () => {
    const { app, result } = await verifyApp();
    expect(failures(result)).toEqual({});
    expect(result.skipped).toEqual([]);
    const checks = new Set(result.outcomes.map((o) => o.check));
    expect([...checks].sort()).toEqual(
      [
        "every-status-handled",
        "follows-actions",
        "responds",
        "signature-enforced",
        "tolerates-new-fields",
        "twiml-valid",
      ].sort(),
    );
    // Every key of the menu, every Dial outcome and both ways a recording ends were requested.
    const walked = result.outcomes.filter((o) => o.check === "follows-actions").map((o) => o.subject);
    expect(walked).toEqual(expect.arrayContaining(["Digits=2", "Digits=*", "Digits=1 → DialCallStatus=no-answer"]));
    expect(walked).toContain("Digits=3 → Digits=hangup");
    const paths = new Set(app.received.map((r) => r.path));
    expect([...paths].sort()).toEqual(Object.keys(WEBHOOK_OF_PATH).sort());

    for (const r of app.received) {
      const check = validateWebhook(WEBHOOK_OF_PATH[r.path] as WebhookId, r.params);
      expect(check.violations, `${r.method} ${r.url}`).toEqual([]);
    }
    const forged = result.outcomes.filter((o) => o.check === "signature-enforced").length;
    expect(app.received.filter((r) => !r.signedByTwilio)).toHaveLength(forged);
    expect(forged).toBe(4 * 5);
  });
});

describe("verify-app and slow responses", () => {
  it("warns, and does not fail, on a response slower than the limit for slow ones but within Twilio's", async () => {
    const { result } = await verifyApp({}, { slowMs: 0 });
    const failed = failures(result);
    expect(Object.keys(failed).every((key) => key.startsWith("warning "))).toBe(true);
    expect(failed["warning responds"]).toHaveLength(4);
    const warning = result.outcomes.find((o) => o.check === "responds" && !o.passed);
    expect(warning?.details[0]).toMatch(/^took \d+(\.\d)? s, more than 0 s: the caller hears silence meanwhile$/);
  });
});

const CASES: Array<[Fault, string, string[], AppOptions?, { requestTimeoutMs?: number }?]> = [
  ["no-signature-check", "error signature-enforced", ["no X-Twilio-Signature", "CallSid changed after signing"]],
  ["500-on-canceled", "error every-status-handled", ["CallStatus=canceled"]],
  ["rejects-unknown-field", "error tolerates-new-fields", ["a field the spec does not name"]],
  ["malformed-twiml-behind-2", "error follows-actions", ["Digits=2"]],
  [
    "slow-action",
    "error follows-actions",
    ["Digits=3 → Digits=#", "Digits=3 → Digits=hangup"],
    { slowMs: 2500 },
    { requestTimeoutMs: 800 },
  ],
  ["unreachable-action", "error follows-actions", ["Digits=1 → DialCallStatus=busy"]],
];

describe("verify-app against an app with one known fault", () => {
  it.each(CASES)("%s: fails %s and nothing else", async (fault, check, subjects, options = {}, limits = {}) => {
    const extra = fault === "unreachable-action" ? { unreachableUrl: `${await closedServerUrl()}/after-dial` } : {};
    const { result } = await verifyApp({ fault, ...options, ...extra }, limits);
    const failed = failures(result);
    expect(Object.keys(failed)).toEqual([check]);
    expect(failed[check]).toEqual(expect.arrayContaining(subjects));
  });

  it("says why a refused request failed: the status the app gave a request Twilio did not sign", async () => {
    const { result } = await verifyApp({ fault: "no-signature-check" });
    const failed = result.outcomes.find((o) => !o.passed && o.operation === "voiceRequest");
    expect(failed).toMatchObject({ expected: "401 or 403, and no TwiML that does anything" });
    expect(failed?.details[0]).toMatch(/^status 200: the app took a request Twilio did not sign/);
  });

  it("names the TwiML error and where it is in the document behind digit 2", async () => {
    const { result } = await verifyApp({ fault: "malformed-twiml-behind-2" });
    const failed = result.outcomes.find((o) => !o.passed);
    expect(failed?.request).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/menu$/);
    expect(failed?.details.join("\n")).toMatch(/unclosed at line 1, column 11 \(Response\/Say\[1\]\)/);
    const branch = result.map?.children.find((node) => node.via === "Digits=2");
    expect(branch?.failed).toEqual([expect.objectContaining({ check: "follows-actions", severity: "error" })]);
  });
});

describe("verify-app and hosts that are not this machine", () => {
  it("refuses an endpoint off this machine before sending anything", async () => {
    const endpoints = { voiceRequest: "http://app.invalid/voice" };
    await expect(runVerifyApp({ endpoints, authToken: APP_TOKEN })).rejects.toThrow(
      /not sending requests to http:\/\/app\.invalid\/voice: only URLs on this machine/,
    );
  });

  it("does not follow an action off this machine, and lists each branch it left as skipped", async () => {
    const { app, result } = await verifyApp({ fault: "unreachable-action", unreachableUrl: "http://app.invalid/next" });
    expect(failures(result)).toEqual({});
    expect(result.skipped).toHaveLength(6);
    expect(result.skipped[0]).toEqual({
      operation: "voiceRequest",
      subject: "Digits=1 → DialCallStatus=completed",
      reason: "not sent: http://app.invalid/next is not on this machine; pass --allow-remote to follow it",
    });
    expect(app.received.some((r) => r.url.includes("invalid"))).toBe(false);
  });
});
