// `calls-contract verify`, run as a user runs it, against the embedded mock and against broken servers.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { runCli } from "../support/cli.js";
import { completedCall, firstPage } from "../support/fixtures.js";
import { closedServerUrl, empty, json, startHttpServer } from "../support/http-server.js";
import { eachCall, startRewritingProxy } from "../support/rewriting-proxy.js";

const SECRET = "verify-secret-token-9f8e7d";
const env = { TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef", TWILIO_AUTH_TOKEN: SECRET };

/** A temporary folder for a case's reports, removed when the case ends. */
async function reportFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "verify-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("calls-contract verify", { timeout: 60_000 }, () => {
  it("passes against the embedded mock, prints the table, and writes JUnit and JSON reports without the token", async () => {
    const dir = await reportFolder();
    const result = await runCli(["verify", "--junit", join(dir, "junit.xml"), "--json", join(dir, "report.json")], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/operation\s+check\s+passed\s+failed/);
    expect(result.stdout).toMatch(/createCall\s+rejects-invalid-request\s+\d+\s+0/);
    expect(result.stdout).toMatch(/\d+ passed, 0 failed, 0 warned/);
    expect(result.stderr).toMatch(/\[\s*1\/\d+\] ✓/);
    const junit = await readFile(join(dir, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites name="calls-contract verify" tests="\d+" failures="0"/);
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    expect(report.failed).toBe(0);
    for (const text of [result.stdout, result.stderr, junit, JSON.stringify(report)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("sip-secret-never-shown");
    }
  });

  it("exits 1 against a server whose Calls break the schema, naming each broken field", async () => {
    const broken = {
      ...completedCall(),
      status: "answered",
      sid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4",
      date_created: "2026-11-24T17:40:02Z",
    } as Record<string, unknown>;
    delete broken.uri;
    const server = await startHttpServer((req, res) => {
      if (!req.headers.authorization)
        return json(res, 401, {
          code: 20003,
          message: "Authenticate",
          more_info: "https://www.twilio.com/docs/errors/20003",
          status: 401,
        });
      const isList = req.url.split("?")[0]!.endsWith("/Calls.json");
      if (req.method === "GET" && isList)
        return json(res, 200, { ...firstPage(), calls: [broken], next_page_uri: null });
      if (req.method === "DELETE") return empty(res, 204);
      json(res, req.method === "POST" && isList ? 201 : 200, broken);
    });
    const dir = await reportFolder();
    const reports = ["--junit", join(dir, "junit.xml"), "--json", join(dir, "report.json")];
    const result = await runCli(["verify", "--base-url", server.baseUrl, ...reports], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/status breaks enum: one of "queued".*got "answered"/);
    expect(result.stdout).toMatch(/sid breaks minLength.*got "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4"/);
    expect(result.stdout).toMatch(/uri is required/);
    // The whole first sentence of the description, "e.g." and its example included.
    expect(result.stdout).toContain(
      "date_created breaks oneOf: A date and time as Twilio writes them, RFC 2822 in UTC with the offset +0000, e.g. `Tue, 10 Aug 2010 08:02:17 +0000`. (must match",
    );
    expect(result.stdout).toMatch(/\[rejects-invalid-request\] the same response to \d+ requests/);
    expect(result.stdout).toMatch(
      /createCall rejects Timeout 601 \(POST \S+\): expected 400 \(breaks maximum on Timeout\)/,
    );

    // Identical violations are listed once, followed by every request that drew them.
    const group = /\[response-schema\] the same (\d+) violations in (\d+) responses/.exec(result.stdout);
    expect(group, result.stdout).not.toBeNull();
    expect(Number(group?.[2])).toBeGreaterThan(20);
    // Once for the 201s of createCall and once for the 200s of fetch and update, not once per response.
    expect(result.stdout.match(/ - uri is required/g)).toHaveLength(2);
    expect(result.stdout).toContain("fetchCall accepts a well-formed call SID (GET ");
    // The Call's subresource links still name the SID it had before it was cut to 33 characters.
    expect(result.stdout).toMatch(/✗ \[self-links\] the same \d+ violations in \d+ responses/);
    expect(result.stdout.split("\n").length).toBeLessThan(460);

    // The reports stay complete: one entry per request and check.
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    const junit = await readFile(join(dir, "junit.xml"), "utf8");
    expect(junit.match(/<testcase /g)).toHaveLength(report.outcomes.length);
    expect(junit.match(/type="response-schema"/g)).toHaveLength(
      report.outcomes.filter((o: { check: string; passed: boolean }) => o.check === "response-schema" && !o.passed)
        .length,
    );
    expect(junit).toMatch(
      /<failure message="expected a body that matches the schema declared for its status, got 200 with 5 violation\(s\)" type="response-schema">/,
    );
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("passes with a warning naming a response key the spec does not know, and fails on it with --strict", async () => {
    const proxy = await startRewritingProxy(inject("mockUrl"), (status, body) =>
      status < 300 ? eachCall(body, (call) => Object.assign(call, { emergency_flag: false })) : body,
    );
    const lenient = await runCli(["verify", "--base-url", proxy.baseUrl], env);
    expect(lenient.code, lenient.stdout).toBe(0);
    expect(lenient.stdout).toMatch(/\d+ warning\(s\), not failing the run \(--strict would\)/);
    expect(lenient.stdout).toMatch(/! \[undocumented-field\] the same 1 violation in \d+ responses/);
    expect(lenient.stdout).toContain("- emergency_flag breaks undocumented-field:");
    expect(lenient.stdout).toMatch(/\d+ passed, 0 failed, [1-9]\d* warned/);

    const strict = await runCli(["verify", "--base-url", proxy.baseUrl, "--strict"], env);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/warning\(s\), failing the run under --strict/);
  });

  it("fails a Call whose uri names another call", async () => {
    const other = "CA00000000000000000000000000000000";
    const proxy = await startRewritingProxy(inject("mockUrl"), (status, body) =>
      status < 300
        ? eachCall(body, (call) => Object.assign(call, { uri: String(call.uri).replace(/CA\w{32}/, other) }))
        : body,
    );
    const result = await runCli(["verify", "--base-url", proxy.baseUrl], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ \[self-links\]/);
    expect(result.stdout).toMatch(
      new RegExp(
        `uri is /2010-04-01/Accounts/AC\\w{32}/Calls/${other}\\.json, not /2010-04-01/Accounts/AC\\w{32}/Calls/CA\\w{32}\\.json`,
      ),
    );
  });

  it("says which request could not be sent when the server is down", async () => {
    const result = await runCli(["verify", "--base-url", await closedServerUrl()], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/expected: an HTTP response\n\s+got:\s+no response \(ECONNREFUSED\)/);
  });

  it("refuses to run against --base-url without credentials, naming the variables", async () => {
    const result = await runCli(["verify", "--base-url", "http://127.0.0.1:9"], {
      TWILIO_ACCOUNT_SID: "",
      TWILIO_AUTH_TOKEN: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
  });
});
