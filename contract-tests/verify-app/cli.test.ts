// `calls-contract verify-app`, run as a user runs it: progress and verify's table, the reports and the map, the exit
// codes, the loopback rule, and the help that lists every flag.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { VERIFY_APP_FLAGS } from "../../src/cli/command-flags.js";
import { HELP } from "../../src/cli/help.js";
import { TWILIO_WEBHOOK_TIMEOUT_MS } from "../../src/webhook-delivery.js";
import { runCli } from "../support/cli.js";
import { APP_TOKEN, type AppOptions, startApp } from "./apps.js";

async function reportFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "verify-app-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function appFlags(options: AppOptions = {}): Promise<string[]> {
  const app = await startApp(options);
  onTestFinished(app.close);
  const { endpoints } = app;
  return [
    ...["--voice-url", endpoints.voiceRequest, "--status-callback", endpoints.statusCallback],
    ...["--recording-status-callback", endpoints.recordingStatusCallback],
    ...["--amd-status-callback", endpoints.asyncAmdStatusCallback],
  ];
}

describe("calls-contract verify-app", { timeout: 60_000 }, () => {
  it("passes a faithful app: progress, the table, JUnit, JSON and the map, and no token anywhere", async () => {
    const dir = await reportFolder();
    const files = ["--junit", join(dir, "junit.xml"), "--json", join(dir, "report.json"), "--map", join(dir, "m.html")];
    const result = await runCli(["verify-app", ...(await appFlags()), ...files], { TWILIO_AUTH_TOKEN: APP_TOKEN });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[\s*1\/\d+\] ✓ responds voiceRequest example "connected"/);
    expect(result.stdout).toMatch(/operation\s+check\s+passed\s+failed\s+warned/);
    expect(result.stdout).toMatch(/voiceRequest\s+follows-actions\s+\d+\s+0\s+0/);
    expect(result.stdout).toMatch(/statusCallback\s+signature-enforced\s+5\s+0\s+0/);
    expect(result.stdout).toMatch(/\d+ passed, 0 failed, 0 warned/);
    const junit = await readFile(join(dir, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites name="calls-contract verify-app" tests="\d+" failures="0"/);
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    expect(report).toMatchObject({ failed: 0, endpoints: { voiceRequest: expect.stringMatching(/\/voice$/) } });
    const map = await readFile(join(dir, "m.html"), "utf8");
    expect(map).toContain('data-via="Digits=1 → DialCallStatus=busy"');
    for (const text of [result.stdout, result.stderr, junit, JSON.stringify(report), map])
      expect(text).not.toContain(APP_TOKEN);
  });

  it("exits 1 when a check fails, naming the check, the request and why, and --auth-token works as the variable", async () => {
    const dir = await reportFolder();
    const flags = [...(await appFlags({ fault: "500-on-canceled" })), "--auth-token", APP_TOKEN];
    const result = await runCli(["verify-app", ...flags, "--junit", join(dir, "junit.xml")]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toMatch(/✗ every-status-handled statusCallback CallStatus=canceled/);
    expect(result.stdout).toMatch(/✗ \[every-status-handled\] statusCallback CallStatus=canceled/);
    expect(result.stdout).toMatch(/status 500: Twilio treats any other than 2xx as a failure/);
    expect(result.stdout).toMatch(/checks: [\s\S]*every-status-handled: each value of the spec's enum fields/);
    expect(await readFile(join(dir, "junit.xml"), "utf8")).toMatch(/failures="1"/);
  });

  it("refuses an app that is not on this machine unless --allow-remote, before sending anything", async () => {
    const result = await runCli(["verify-app", "--voice-url", "http://app.invalid/voice"], {
      TWILIO_AUTH_TOKEN: APP_TOKEN,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not sending requests to http:\/\/app\.invalid\/voice: only URLs on this machine/);
    expect(result.stderr).toContain("--allow-remote");
  });

  it.each([
    [["--voice-url", "http://127.0.0.1:9/voice"], {}, /--auth-token or TWILIO_AUTH_TOKEN/],
    [[], { TWILIO_AUTH_TOKEN: APP_TOKEN }, /give at least one of the app's endpoints: --voice-url/],
    [["--status-callback", "http://127.0.0.1:9/s", "--map", "m.html"], { TWILIO_AUTH_TOKEN: "t" }, /--map draws/],
    [["--voice-url", "http://u:p@127.0.0.1:9/voice"], { TWILIO_AUTH_TOKEN: "t" }, /must not hold credentials/],
    [["--voice-url", "http://127.0.0.1:9/", "--max-depth", "2.5"], { TWILIO_AUTH_TOKEN: "t" }, /--max-depth/],
  ])("exits 2 on a usage mistake: %j", async (args, env, message) => {
    const result = await runCli(["verify-app", ...args], { TWILIO_AUTH_TOKEN: "", ...env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe("calls-contract --help for verify-app", () => {
  const usage = HELP.slice(HELP.indexOf("  calls-contract verify-app"), HELP.indexOf("\n\n", HELP.indexOf("Usage:")));

  it("lists every flag verify-app takes in its usage", () => {
    for (const flag of Object.keys(VERIFY_APP_FLAGS)) expect(usage, flag).toContain(`--${flag}`);
  });

  it("states Twilio's time limit as the shared delivery keeps it", () => {
    expect(HELP).toContain(`most ${TWILIO_WEBHOOK_TIMEOUT_MS / 1000} s, as on Twilio`);
  });
});
