// What a server sends back reaches the terminal and the reports only made harmless: the auth token it echoes
// (raw, as sid:token, or base64) never appears, terminal escapes and bells never reach stdout or stderr, and the
// JUnit file holds no character XML 1.0 forbids.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ACCOUNT_SID } from "../support/fixtures.js";
import { startHttpServer } from "../support/http-server.js";
import { runCliWithin } from "./harness.js";

const SECRET = "scrub-me-token-5e0c3f9b";
const PAIR = `${ACCOUNT_SID}:${SECRET}`;
const FORMS = [SECRET, PAIR, Buffer.from(PAIR).toString("base64")];
const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: SECRET };

/** Runs verify with JUnit and JSON reports; returns every text it produced. */
async function verifyWithReports(baseUrl: string) {
  const dir = await mkdtemp(join(tmpdir(), "hostile-verify-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const junitPath = join(dir, "junit.xml");
  const jsonPath = join(dir, "report.json");
  const args = ["verify", "--base-url", baseUrl, "--timeout", "5", "--junit", junitPath, "--json", jsonPath];
  const run = await runCliWithin(args, env, 20_000);
  const read = (path: string) => readFile(path, "utf8").catch(() => "");
  return { ...run, junit: await read(junitPath), report: await read(jsonPath) };
}

function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

describe("verify against a server that echoes the credentials", () => {
  it("shows the token in no form, in stdout, stderr, the JUnit file or the JSON file", async () => {
    const server = await startHttpServer((req, res) => {
      const auth = String(req.headers.authorization ?? "none");
      const decoded = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString("utf8");
      const echo = `you sent ${auth} (${decoded}) with ${req.body}`;
      const headers = { "X-Echo": auth, "WWW-Authenticate": `Basic realm="${auth}"` };
      // GETs get a 200 whose fields hold the secret, so that schema violations quote it back.
      if (req.method === "GET")
        return respond(res, 200, { sid: decoded, status: SECRET, uri: auth, calls: [decoded] }, headers);
      respond(
        res,
        400,
        { code: 20001, message: echo, more_info: decoded, status: 400, details: { auth, decoded, echo } },
        headers,
      );
    });
    const run = await verifyWithReports(server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(run.junit).toContain("<testsuites");
    expect(run.report).not.toBe("");
    for (const [where, text] of Object.entries({
      stdout: run.stdout,
      stderr: run.stderr,
      junit: run.junit,
      report: run.report,
    })) {
      for (const form of FORMS) expect(text, `${where} holds ${form}`).not.toContain(form);
    }
  });
});

/** The code points of `text` that `bad` picks, as U+XXXX, so that a failure says which ones got through. */
const found = (text: string, bad: (code: number) => boolean) =>
  [...new Set([...text].map((c) => c.codePointAt(0) ?? 0).filter(bad))].map(
    (code) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`,
  );
const terminalControl = (code: number) => code === 0x1b || code === 0x07;
// XML 1.0 allows tab, line feed and carriage return of the C0 controls, and neither U+FFFE nor U+FFFF.
const xmlForbidden = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;

describe("verify against a server whose bodies hold control characters", () => {
  it("writes no ESC or BEL to stdout or stderr", async () => {
    const nasty = "\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u001b[2J\u001b[H bell\u0007 back\u0008 cr\r";
    const server = await startHttpServer((req, res) => {
      if (req.method === "GET") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        return res.end(nasty);
      }
      respond(res, req.method === "POST" ? 201 : 400, {
        code: nasty,
        message: nasty,
        more_info: nasty,
        status: nasty,
        [`key${nasty}`]: nasty,
      });
    });
    const run = await verifyWithReports(server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(found(run.stdout, terminalControl)).toEqual([]);
    expect(found(run.stderr, terminalControl)).toEqual([]);
  });

  it("writes a JUnit file with no character XML 1.0 forbids", async () => {
    const forbidden = "nul\u0000 soh\u0001 esc\u001b vt\u000b ff\u000c nonchar\uFFFE\uFFFF end";
    const server = await startHttpServer((req, res) => {
      respond(res, req.method === "GET" ? 200 : 400, {
        code: forbidden,
        message: forbidden,
        more_info: forbidden,
        status: forbidden,
        sid: forbidden,
        [`key ${forbidden}`]: forbidden,
      });
    });
    const run = await verifyWithReports(server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(run.junit).toContain("<testsuites");
    expect(found(run.junit, xmlForbidden)).toEqual([]);
  });
});
