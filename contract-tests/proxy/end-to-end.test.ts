// An app-like script talks to the mock through `calls-contract proxy`: the project's client with its own checks
// off (so that mistakes reach the wire) and raw fetches. The HAR, JUnit and JSON the proxy writes must name each
// violation, and `verify --har` on that HAR must reach the same verdicts.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createCallsClient, TwilioApiError } from "../../src/client/index.js";
import type { HarEntry } from "../../src/har/types.js";
import { runCli } from "../support/cli.js";
import { ACCOUNT_SID, AUTH_TOKEN, AUTHORIZATION } from "../support/fixtures.js";
import { startProxyCli } from "../support/proxy.js";

const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
const CALL = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };
const CALL_SID = "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

/** Runs the app against the proxy; returns how each step went, in order. */
async function app(baseUrl: string): Promise<string[]> {
  const calls = createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl, validate: false });
  const steps: Array<[string, () => Promise<unknown>]> = [
    ["valid create", () => calls.create(CALL)],
    ["Timeout 601", () => calls.create({ ...CALL, Timeout: 601 })],
    ["misspelt key", () => calls.create({ ...CALL, StatusCallbackEvents: ["ringing"] } as never)],
    ["wrong-case Status", () => calls.list({ Status: "Completed" as never })],
    ["number with separators", () => calls.create({ ...CALL, To: "+1 801-664-0964" })],
    ["fetch", () => calls.fetch(CALL_SID)],
    ["hang up", () => calls.update(CALL_SID, { Status: "completed" })],
    ["delete", () => calls.remove(CALL_SID)],
    [
      "Timeout twice",
      () =>
        fetch(`${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
          method: "POST",
          headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
          body: "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft&Timeout=30&Timeout=31",
        }).then((r) => r.status),
    ],
    ["not the Calls API", () => fetch(`${baseUrl}/favicon.ico`).then((r) => r.status)],
  ];
  const results: string[] = [];
  for (const [name, step] of steps) {
    try {
      const value = await step();
      results.push(`${name}: ${typeof value === "number" ? value : "ok"}`);
    } catch (error) {
      results.push(`${name}: ${error instanceof TwilioApiError ? error.status : (error as Error).message}`);
    }
  }
  return results;
}

interface Report {
  outcomes: Array<{ check: string; operation: string; subject: string; passed: boolean; details: string[] }>;
  skipped: Array<{ subject: string; reason: string }>;
  coverage: { operations: { seen: number; declared: number } };
}

const verdicts = (report: Report) =>
  Object.fromEntries(report.outcomes.map((o) => [`${o.subject} ${o.check}`, o.passed]));

describe("calls-contract proxy in front of the mock", () => {
  it("passes the app's traffic through unchanged and names every violation in the HAR, JUnit and JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "proxy-e2e-"));
    const files = { har: join(dir, "traffic.har"), junit: join(dir, "junit.xml"), json: join(dir, "report.json") };
    const proxy = await startProxyCli(
      ["--target", inject("mockUrl"), "--har", files.har, "--junit", files.junit, "--json", files.json],
      env,
    );
    try {
      // The mock's responses through the proxy are those it gives directly: nothing is blocked by default.
      expect(await app(proxy.baseUrl)).toEqual([
        "valid create: ok",
        "Timeout 601: 400",
        "misspelt key: 400",
        "wrong-case Status: 400",
        "number with separators: ok",
        "fetch: ok",
        "hang up: ok",
        "delete: ok",
        "Timeout twice: 400",
        "not the Calls API: 404",
      ]);
      const run = await proxy.stop();
      expect(run.code, run.stderr).toBe(1);

      const har = JSON.parse(await readFile(files.har, "utf8"));
      expect(har.log.version).toBe("1.2");
      expect(har.log.creator.name).toBe("calls-contract proxy");
      const entries: HarEntry[] = har.log.entries;
      expect(entries).toHaveLength(10);
      for (const entry of entries) {
        expect(entry.request).toMatchObject({ httpVersion: "HTTP/1.1", headersSize: -1 });
        expect(Array.isArray(entry.request.headers) && Array.isArray(entry.request.queryString)).toBe(true);
        expect(entry.response.content.mimeType).toBeTypeOf("string");
        expect(entry.startedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
      expect(entries[1]?.request.postData?.params).toContainEqual({ name: "Timeout", value: "601" });
      expect(entries[8]?.request.postData?.params?.filter((p) => p.name === "Timeout")).toHaveLength(2);
      expect(entries.map((e) => e.response.status)).toEqual([201, 400, 400, 400, 201, 200, 200, 204, 400, 404]);

      const violations = [
        ["exchange #2", "request-valid", "Timeout breaks maximum: must be <= 600, got 601"],
        ["exchange #3", "request-valid", "StatusCallbackEvents breaks additionalProperties"],
        ["exchange #4", "request-valid", 'Status breaks enum: one of "queued"'],
        ["exchange #5", "request-advisory", "To breaks e164"],
        [
          "exchange #9",
          "request-valid",
          'Timeout breaks single-value: one value (the key was sent 2 times), got ["30","31"]',
        ],
      ];
      const junit = await readFile(files.junit, "utf8");
      const report: Report = JSON.parse(await readFile(files.json, "utf8"));
      for (const [subject, check, words] of violations) {
        const outcome = report.outcomes.find((o) => o.subject === subject && o.check === check);
        expect(outcome?.passed, `${subject} ${check}`).toBe(false);
        expect(outcome?.details.join("\n")).toContain(words);
        expect(junit).toContain(`name="[${check}] ${subject}"`);
        expect(junit).toContain(words!.replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
        expect(run.stderr).toContain(words);
      }
      // Nothing else failed: the mock's responses all follow the spec.
      const failed = report.outcomes.filter((o) => !o.passed).map((o) => `${o.subject} ${o.check}`);
      expect(failed.sort()).toEqual(violations.map(([subject, check]) => `${subject} ${check}`).sort());
      expect(report.skipped).toEqual([
        {
          operation: "(not the Calls API)",
          subject: "exchange #10",
          reason: "GET /favicon.ico is not an operation of the Calls API",
        },
      ]);
      expect(junit).toMatch(/<testsuite name="\(not the Calls API\)" tests="1" failures="0" skipped="1">/);
      expect(report.coverage.operations).toEqual({ seen: 5, declared: 5 });
      expect(run.stdout).toMatch(/^operations\s+5\s+5\s+100%$/m);
      expect(run.stdout).toMatch(/\d+ passed, 4 failed, 1 warned in 10 exchange\(s\)/);

      // The same file, judged again offline, gives the same verdict on every exchange and check.
      const replayJson = join(dir, "replay.json");
      const replay = await runCli(["verify", "--har", files.har, "--json", replayJson]);
      expect(replay.code).toBe(1);
      const replayed: Report = JSON.parse(await readFile(replayJson, "utf8"));
      expect(verdicts(replayed)).toEqual(verdicts(report));
      expect(Object.keys(verdicts(report)).length).toBeGreaterThan(50);
      expect(replayed.skipped).toEqual(report.skipped);
      expect(replayed.coverage).toEqual(report.coverage);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
