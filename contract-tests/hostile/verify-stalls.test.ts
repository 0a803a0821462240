// `calls-contract verify` against servers that stall or redirect: silence and a body that stops halfway end the run
// within its --timeout, and a redirect is reported as the status it is, never followed (off the machine or not).
// It reports a failure (exit 1) each time; it never crashes (exit 2) or hangs.
import { describe, expect, it } from "vitest";
import { ACCOUNT_SID } from "../support/fixtures.js";
import { json } from "../support/http-server.js";
import { type OnFinished, runCliWithin, startHostileServer } from "./harness.js";

const SECRET = "stalled-verify-token-0b93de";
const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: SECRET };

const verify = (onFinished: OnFinished, baseUrl: string, timeoutSeconds = 5, deadlineMs = 20_000) =>
  runCliWithin(["verify", "--base-url", baseUrl, "--timeout", String(timeoutSeconds)], env, deadlineMs, onFinished);

// The two waits are wall-clock time, not CPU: side by side they cost the run one wait instead of two.
describe.concurrent("verify against a server that does not respond", () => {
  it("ends within about 10 s with --timeout 3, exit 1, saying requests got no response", async ({ onTestFinished }) => {
    const server = await startHostileServer(() => undefined, onTestFinished); // holds every request, responds to none
    const run = await verify(onTestFinished, server.baseUrl, 3, 25_000);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.ms).toBeLessThan(12_000);
    expect(run.stdout).toContain("no response");
  }, 30_000);

  it("ends within about 10 s with --timeout 3 when the server sends headers and then stalls the body", async ({
    onTestFinished,
  }) => {
    const server = await startHostileServer((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"sid": "CA');
    }, onTestFinished);
    const run = await verify(onTestFinished, server.baseUrl, 3, 25_000);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.ms).toBeLessThan(12_000);
  }, 30_000);
});

describe("verify against a server that redirects", () => {
  it("does not follow a 307 to a host off the machine: it reports the 307 under status-declared", async ({
    onTestFinished,
  }) => {
    const server = await startHostileServer((_, res) => {
      res.writeHead(307, { Location: "http://redirect-target.invalid/x" });
      res.end();
    }, onTestFinished);
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/\[status-declared\][\s\S]*\b307\b/);
    expect(run.stdout + run.stderr).not.toContain("ENOTFOUND");
  });

  it("does not follow a 302 to another path of the same server", async ({ onTestFinished }) => {
    const server = await startHostileServer((req, res) => {
      if (req.url?.startsWith("/elsewhere")) return json(res, 200, {});
      res.writeHead(302, { Location: "/elsewhere" });
      res.end();
    }, onTestFinished);
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(server.seen.filter((r) => r.url.startsWith("/elsewhere"))).toEqual([]);
    expect(run.stdout).toMatch(/\b302\b/);
  });
});
