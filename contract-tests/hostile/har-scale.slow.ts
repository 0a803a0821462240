// Recordings past the 512 MiB a string can hold, judged whole: `verify --har` on 800,000 exchanges, and a proxy
// session whose HAR file outgrew that limit, which still writes its reports at Ctrl-C. Slow by nature (generating
// and judging 800 MiB is about 40 s of CPU), so they run with `npm run test:package` (vitest.package.config.ts),
// not `npm test`; each run is bounded by a deadline.
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { harHeader } from "../../src/har/writer.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import { callUrl, made } from "../support/har.js";
import { startHttpServer } from "../support/http-server.js";
import { startProxyCli } from "../support/proxy.js";
import { type CliRun, MiB, type OnFinished, runCliWithin } from "./harness.js";

const EXCHANGES = 800_000;

/** Writes `count` copies of a line-per-entry HAR's entry as the proxy would, without holding the file. */
async function writeHar(path: string, entry: unknown, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(harHeader({ name: "hostile", version: "1" }));
  const line = JSON.stringify(entry);
  const block = Array.from({ length: 1000 }, () => line).join(",\n");
  for (let written = 0; written < count; written += 1000) {
    if (!out.write(`${written === 0 ? "\n" : ",\n"}${block}`))
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.end("\n]}}\n", () => resolve());
  });
}

describe(`verify --har on ${EXCHANGES.toLocaleString("en")} exchanges (800 MiB)`, () => {
  const cleanups: Array<() => unknown> = [];
  const later = ((fn: () => unknown) => void cleanups.push(fn)) as OnFinished;
  let run: CliRun;
  let reports: { junit: string; json: string };

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "hostile-har-scale-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, "traffic.har");
    // A fetch of a call that is not there, with Twilio's 404 in response: about 1 KiB per entry, every check passing.
    const sid = "CA0123456789abcdef0123456789abcdef";
    const notFound = {
      code: 20404,
      message: `The requested resource /2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/${sid}.json was not found`,
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404,
    };
    await writeHar(path, made({ method: "GET", url: callUrl(sid), status: 404, json: notFound }), EXCHANGES);
    reports = { junit: join(dir, "junit.xml"), json: join(dir, "report.json") };
    const files = ["--junit", reports.junit, "--json", reports.json];
    run = await runCliWithin(["verify", "--har", path, ...files], {}, 110_000, later);
  }, 150_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("judges every exchange, where reading the file whole failed with 'Invalid string length'", () => {
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/4800000 passed, 0 failed, 0 warned in 800000 exchange\(s\)/);
  });

  it("judges them in bounded memory: under 512 MiB at its peak", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.peakRssKb).toBeLessThan(512 * 1024);
  });

  it("writes JUnit and JSON reports that count every outcome and say how many they do not list", async () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/not listed one by one: 4800000 passed, 0 failed and 0 warned check\(s\)/);
    const report = JSON.parse(await readFile(reports.json, "utf8"));
    expect(report).toMatchObject({ passed: 4_800_000, failed: 0, warnings: 0, exchanges: EXCHANGES, outcomes: [] });
    expect(report.unlisted).toMatchObject({ passed: 4_800_000, failed: 0, warnings: 0 });
    const junit = await readFile(reports.junit, "utf8");
    expect(junit).toMatch(/<testsuites name="calls-contract verify" tests="4800000" failures="0"/);
    expect(junit).toContain('<testcase classname="fetchCall" name="[status-declared] 800000 passed, not listed"/>');
  });
});

describe("a proxy session whose HAR file outgrows 512 MiB", () => {
  it("judges the recording at Ctrl-C and writes its reports", { timeout: 180_000 }, async () => {
    // Sixty list responses just under the 10 MiB the proxy keeps of one: each is recorded whole, 600 MiB in all.
    const body = Buffer.from(`{"calls":[],"padding":"${"x".repeat(10 * MiB - 64)}"}`);
    const target = await startHttpServer((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
      res.end(body);
    });
    const dir = await mkdtemp(join(tmpdir(), "hostile-proxy-scale-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const har = join(dir, "traffic.har");
    const junit = join(dir, "junit.xml");
    const proxy = await startProxyCli(["--target", target.baseUrl, "--har", har, "--junit", junit]);
    const url = `${proxy.baseUrl}/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json`;
    for (let i = 0; i < 60; i++) {
      const response = await fetch(url, { headers: { Authorization: AUTHORIZATION } });
      expect((await response.arrayBuffer()).byteLength).toBe(body.length);
    }
    const run = await proxy.stop();
    // Its last words, not its sixty lines of failed checks.
    expect(run.code, run.stderr.slice(-500)).toBe(1);
    expect(run.stdout).toMatch(/in 60 exchange\(s\)/);
    expect(await readFile(junit, "utf8")).toContain("<testsuites");
  });
});
