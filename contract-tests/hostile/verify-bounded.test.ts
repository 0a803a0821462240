// `calls-contract verify` finishes in bounded time and memory whatever the server sends: endless bodies, gzip
// bombs, JSON nested past any stack, bodies that are not JSON. It reports a failure (exit 1) each time; it never
// crashes (exit 2) or hangs. (Servers that stall or redirect: verify-stalls.test.ts.)
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ACCOUNT_SID } from "../support/fixtures.js";
import { json } from "../support/http-server.js";
import { MiB, type OnFinished, runCliWithin, sendGzipBomb, startHostileServer, streamBytes } from "./harness.js";

const SECRET = "bounded-verify-token-7c41aa";
const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: SECRET };
// A verify run in this process tree starts near 120 MB; reading responses of at most 10 MiB stays far below this.
const PEAK_RSS_KB = 400 * 1024;

// Each hostile response costs both processes real CPU (10 MiB read, or a 200 KB document 100,000 levels deep). A few
// show the bound as well as the whole corpus would; the server responds to the rest of verify's requests with a plain
// 404, so that each run ends on its own, well inside its --timeout, and the cases can run side by side.
const HOSTILE_RESPONSES = 3;

/** The hostile reply for the first few requests, a small Twilio 404 after them. */
function hostileFirst(reply: (req: IncomingMessage, res: ServerResponse) => void) {
  let replied = 0;
  return (req: IncomingMessage, res: ServerResponse) => {
    if (replied++ < HOSTILE_RESPONSES) return reply(req, res);
    json(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
  };
}

const verify = (onFinished: OnFinished, baseUrl: string) =>
  runCliWithin(["verify", "--base-url", baseUrl, "--timeout", "10"], env, 20_000, onFinished);

describe.concurrent("verify against a server whose responses are too large", () => {
  it("exits 1, saying the response is larger than it reads, when responses are 500 MiB streams", async ({
    onTestFinished,
  }) => {
    const server = await startHostileServer(
      hostileFirst((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        void streamBytes(res, 500 * MiB);
      }),
      onTestFinished,
    );
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain("larger than");
    expect(run.ms).toBeLessThan(15_000);
    expect(run.peakRssKb).toBeLessThan(PEAK_RSS_KB);
  }, 30_000);

  it("asks for an unencoded response and does not inflate a gzip bomb: exits 1 with bounded memory", async ({
    onTestFinished,
  }) => {
    const server = await startHostileServer(
      hostileFirst((_, res) => void sendGzipBomb(res)),
      onTestFinished,
    );
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(server.seen.length).toBeGreaterThan(0);
    expect(new Set(server.seen.map((r) => r.headers["accept-encoding"]))).toEqual(new Set(["identity"]));
    expect(run.peakRssKb).toBeLessThan(PEAK_RSS_KB);
  }, 30_000);
});

describe.concurrent("verify against a server whose responses are malformed", () => {
  it("reports JSON nested 100,000 levels deep with exit 1, not a crash", async ({ onTestFinished }) => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const server = await startHostileServer(
      hostileFirst((_, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(deep);
      }),
      onTestFinished,
    );
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/\d+ passed, \d+ failed/);
    expect(run.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
  });

  it("reports a 200 application/json response of `not json` under response-schema, not as no response", async ({
    onTestFinished,
  }) => {
    const server = await startHostileServer((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("not json");
    }, onTestFinished);
    const run = await verify(onTestFinished, server.baseUrl);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain("[response-schema]");
    expect(run.stdout).not.toContain("no response");
  });
});
