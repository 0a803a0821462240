// `calls-contract twiml`, run as a user runs it: on a file, on standard input, and on what a handler on this
// machine responds with.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, runCli, startCli } from "../support/cli.js";
import { empty, type OnFinished, startHttpServer } from "../support/http-server.js";
import { SEED_004_GATHER } from "./catalogue.js";

const GOOD = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thanks for calling.</Say><Hangup/></Response>';

// One folder for the file each case checks, removed after the last case.
let folder: string;
let written = 0;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "twiml-cli-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function fileWith(text: string): Promise<string> {
  const path = join(folder, `answer-${++written}.xml`);
  await writeFile(path, text);
  return path;
}

function xmlServer(onFinished: OnFinished, body: string, type = "text/xml") {
  return startHttpServer((_, response) => {
    response.writeHead(200, { "Content-Type": type });
    response.end(body);
  }, onFinished);
}

// Each case waits on a CLI process of its own, so they run side by side (servers are closed by each test's own
// hook). The limit is a guard against a hang on a busy machine, not a measure of speed.
describe.concurrent("calls-contract twiml", { timeout: 60_000 }, () => {
  it("exits 1 on seed 004's Gather example and names the unclosed <Play> at its line", async () => {
    const path = await fileWith(SEED_004_GATHER);
    const { code, stdout } = await runCli(["twiml", path]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path}:3:9 error unclosed Response/Gather[1]/Play[1]: <Play> closed before </Gather>`);
    expect(stdout).toMatch(/: 2 error\(s\), 0 warning\(s\) in voice TwiML/);
  });

  it("exits 0 on warnings alone, read from standard input", async () => {
    const child = startCli(["twiml", "-"]);
    child.stdin.end("<Response><Hangup/><Say>never heard</Say></Response>");
    const code = await finished(child);
    const { stdout } = child.output();
    expect(code).toBe(0);
    expect(stdout).toContain("(stdin):1:20 warning unreachable Response/Say[1]: no verb after <Hangup>");
  });

  it("checks messaging TwiML with --kind messaging and prints a JSON report with --format json", async () => {
    const path = await fileWith("<Response><Message>Hi</Message><Say>no</Say></Response>");
    const { code, stdout } = await runCli(["twiml", path, "--kind", "messaging", "--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ kind: "messaging", valid: false });
    expect(report.violations).toEqual([
      expect.objectContaining({ rule: "voice-verb", line: 1, column: 32, path: "Response/Say[1]" }),
    ]);
  });

  it("writes that JSON report to the file --json names, creating its folder, and still prints text", async () => {
    const path = await fileWith("<Response><Message>Hi</Message><Say>no</Say></Response>");
    const report = join(folder, "reports", `twiml-${++written}.json`);
    const [text, json] = await Promise.all([
      runCli(["twiml", path, "--kind", "messaging", "--json", report]),
      runCli(["twiml", path, "--kind", "messaging", "--format", "json"]),
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/: 1 error\(s\), 0 warning\(s\) in messaging TwiML/);
    expect(await readFile(report, "utf8")).toBe(json.stdout);
  });

  it("asks a loopback handler for TwiML as Twilio does, by POST with the given form", async ({ onTestFinished }) => {
    const server = await xmlServer(onTestFinished, GOOD);
    const { code, stdout } = await runCli([
      "twiml",
      `${server.baseUrl}/voice`,
      "--data",
      "CallSid=CA1&From=%2B14155550100",
    ]);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/0 error\(s\), 0 warning\(s\) in voice TwiML/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      url: "/voice",
      body: "CallSid=CA1&From=%2B14155550100",
    });
    expect(server.requests[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("sends the form in the query with --method GET, and exits 1 on the handler's broken TwiML", async ({
    onTestFinished,
  }) => {
    const server = await xmlServer(onTestFinished, "<Response><Gather><Dial>+14155550100</Dial></Gather></Response>");
    const { code, stdout } = await runCli([
      "twiml",
      `${server.baseUrl}/voice?x=1`,
      "--method",
      "GET",
      "--data",
      "Digits=1",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /:1:19 error allowed-child Response\/Gather\[1\]\/Dial\[1\]: <Gather> holds <Pause>, <Play> or <Say>/,
    );
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/voice?x=1&Digits=1" });
  });

  it("warns when the handler serves TwiML under a type Twilio does not read it from", async ({ onTestFinished }) => {
    const server = await xmlServer(onTestFinished, GOOD, "application/json");
    const { code, stdout } = await runCli(["twiml", server.baseUrl]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/warning content-type \(headers\): application\/xml, text\/xml, text\/html/);
  });

  // Twilio's "TwiML Voice: Your Response" page lists text/html beside the two XML types.
  it("reads text/html as TwiML without a warning, as Twilio does", async ({ onTestFinished }) => {
    const server = await xmlServer(onTestFinished, GOOD, "text/html; charset=utf-8");
    const { code, stdout } = await runCli(["twiml", server.baseUrl]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/content-type/);
  });

  it("does not follow a redirect: the response is the 3xx, and exit 1", async ({ onTestFinished }) => {
    const target = await xmlServer(onTestFinished, GOOD);
    const server = await startHttpServer((_, response) => {
      response.writeHead(302, { Location: `${target.baseUrl}/elsewhere` });
      response.end();
    }, onTestFinished);
    const { code, stdout } = await runCli(["twiml", server.baseUrl]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /responded 302 to http:\/\/127\.0\.0\.1:\d+\/elsewhere \(redirects are not followed\), not TwiML/,
    );
    expect(target.requests).toHaveLength(0);
  });

  it("exits 1 when the handler fails", async ({ onTestFinished }) => {
    const server = await startHttpServer((_, response) => empty(response, 500), onTestFinished);
    const { code, stdout } = await runCli(["twiml", server.baseUrl]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/responded 500, not TwiML/);
  });

  it("refuses a URL off this machine with exit 2, before any request", async () => {
    const { code, stderr } = await runCli(["twiml", "http://calls-contract.invalid/voice"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/only URLs on this machine are fetched .* got host "calls-contract\.invalid"/);
  });

  it.each([
    [["twiml"], /give a file, a URL on this machine, or - for standard input/],
    [["twiml", "a.xml", "--kind", "fax"], /--kind must be voice or messaging, got "fax"/],
    [["twiml", "a.xml", "b.xml"], /one source at a time/],
    [["twiml", "/nonexistent/answer.xml"], /cannot read \/nonexistent\/answer\.xml: ENOENT/],
    [["twiml", "http://127.0.0.1:1/", "--method", "PUT"], /--method must be GET or POST, got "PUT"/],
    [["twiml", "a.xml", "--format", "xml"], /--format must be text or json, got "xml"/],
    [["twiml", "a.xml", "--json"], /--json takes the FILE .* use --format json/],
    [["twiml", "--json", "-"], /--json takes the FILE .* use --format json/],
    [["twiml", "a.xml", "--colour"], /Unknown option '--colour'/],
  ])("exits 2 on a usage mistake: %j", async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
