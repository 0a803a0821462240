// `calls-contract verify`, run as a user runs it, against the embedded mock and against broken servers.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { planRequests } from "../../src/verify/checks.js";
import { runCli } from "../support/cli.js";
import { completedCall, firstPage } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";

const SECRET = "verify-secret-token-9f8e7d";
const env = { TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef", TWILIO_AUTH_TOKEN: SECRET };

let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("calls-contract verify", () => {
  it("passes against the embedded mock, prints the table, and writes JUnit and JSON reports without the token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "verify-"));
    const result = await runCli(["verify", "--junit", join(dir, "junit.xml"), "--json", join(dir, "report.json")], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/operation\s+check\s+passed\s+failed/);
    expect(result.stdout).toMatch(/createCall\s+rejects-invalid-request\s+\d+\s+0/);
    expect(result.stdout).toMatch(/\d+ passed, 0 failed/);
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
    server = await startHttpServer((req, res) => {
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
      if (req.method === "DELETE") return (res.writeHead(204), res.end());
      json(res, req.method === "POST" && isList ? 201 : 200, broken);
    });
    const dir = await mkdtemp(join(tmpdir(), "verify-"));
    const result = await runCli(["verify", "--base-url", server.baseUrl, "--junit", join(dir, "junit.xml")], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[response-schema] fetchCall accepts a well-formed call SID");
    expect(result.stdout).toMatch(/status breaks enum: one of "queued".*got "answered"/);
    expect(result.stdout).toMatch(/sid breaks minLength.*got "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4"/);
    expect(result.stdout).toMatch(/uri is required/);
    expect(result.stdout).toMatch(
      /date_created breaks pattern: A date and time as Twilio writes them.*got "2026-11-24T17:40:02Z"/,
    );
    expect(result.stdout).toContain("[rejects-invalid-request] createCall rejects Timeout 601");
    expect(await readFile(join(dir, "junit.xml"), "utf8")).toMatch(
      /<failure message="expected the 200 body declared by the spec, got \d+ violation\(s\)" type="response-schema">/,
    );
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("says which request could not be sent when the server is down", async () => {
    server = await startHttpServer((_, res) => json(res, 200, {}));
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const result = await runCli(["verify", "--base-url", baseUrl], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/expected: an HTTP answer\n\s+got:\s+no answer \(ECONNREFUSED\)/);
  });

  it("refuses to run against --base-url without credentials, naming the variables", async () => {
    const result = await runCli(["verify", "--base-url", "http://127.0.0.1:9"], {
      TWILIO_ACCOUNT_SID: "",
      TWILIO_AUTH_TOKEN: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
  });

  it("plans no request that could place or change a call on a server that is not on loopback", () => {
    const remote = planRequests("https://staging.example.com");
    expect(new Set(remote.runnable.map((r) => r.testCase.operation))).toEqual(new Set(["listCalls", "fetchCall"]));
    expect(remote.skipped.length).toBeGreaterThan(0);
    expect(planRequests("https://staging.example.com", true).skipped).toEqual([]);
    expect(planRequests("http://127.0.0.1:4010").skipped).toEqual([]);
  });
});
