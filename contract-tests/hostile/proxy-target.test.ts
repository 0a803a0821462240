// The recording proxy against a target whose response node cannot relay as it came: a reason phrase holding a
// control character, a status below 100, a 101 Switching Protocols nobody asked for. The client gets the proxy's
// Twilio-shaped 502 at once, the exchange is recorded, the next request is served, and Ctrl-C still finishes the
// HAR file and writes the reports. Interim responses (103) with no final one meet the proxy's time limit.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { HarEntry } from "../../src/har/types.js";
import { ACCOUNT_SID, AUTHORIZATION, firstPage } from "../support/fixtures.js";
import { startProxyCli, startRecordingProxy } from "../support/proxy.js";
import { twilioErrorProblems } from "./harness.js";
import { rawResponse, startRawTarget } from "./raw-target.js";

const LIST_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
const GOOD = rawResponse("HTTP/1.1 200 OK", JSON.stringify(firstPage()));

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "hostile-proxy-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The status and body the client got, or why it got none (the proxy gone, the client's own 10 s up). */
async function listCalls(baseUrl: string): Promise<{ status: number | string; body: string }> {
  try {
    const url = `${baseUrl}${LIST_PATH}`;
    const response = await fetch(url, {
      headers: { Authorization: AUTHORIZATION },
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    const { name, cause } = error as Error & { cause?: Error };
    return { status: cause ? `${name}: ${cause.message}` : name, body: "" };
  }
}

/**
 * The proxy as a user runs it, in front of a target whose first response is `bad` and every later one a valid page:
 * what the client got for each of two requests, and what the proxy left behind at Ctrl-C.
 */
async function proxyAfterOneBadResponse(bad: string) {
  let responded = 0;
  const target = await startRawTarget(() => (responded++ === 0 ? bad : GOOD));
  const dir = await tempDir();
  const har = join(dir, "traffic.har");
  const junit = join(dir, "junit.xml");
  const proxy = await startProxyCli(["--target", target.baseUrl, "--har", har, "--junit", junit]);
  const first = await listCalls(proxy.baseUrl);
  const second = await listCalls(proxy.baseUrl);
  const run = await proxy.stop();
  const read = (path: string) => readFile(path, "utf8").catch(() => "");
  return {
    first,
    second: second.status,
    run,
    har: await read(har),
    junit: await read(junit),
  };
}

function expectSurvived(outcome: Awaited<ReturnType<typeof proxyAfterOneBadResponse>>) {
  expect(outcome.first.status).toBe(502);
  expect(twilioErrorProblems(outcome.first.body)).toEqual([]);
  expect(outcome.second, "the proxy stopped serving").toBe(200);
  expect(outcome.run.code, outcome.run.stderr).not.toBeNull();
  expect([0, 1]).toContain(outcome.run.code);
  expect(outcome.run.stdout).toMatch(/in 2 exchange\(s\)/);
  const entries: HarEntry[] = JSON.parse(outcome.har).log.entries;
  expect(entries).toHaveLength(2);
  expect(entries[0]?._callsContract?.noResponse).toMatch(/cannot be relayed/);
  expect(outcome.junit).toContain("<testsuites");
}

describe("the proxy against a target whose response node cannot relay", () => {
  it("survives a reason phrase holding a control character: 502, recorded, reports written at Ctrl-C", async () => {
    expectSurvived(await proxyAfterOneBadResponse(rawResponse("HTTP/1.1 200 O\u0001K")));
  });

  it("survives a status below 100: 502, recorded, reports written at Ctrl-C", async () => {
    expectSurvived(await proxyAfterOneBadResponse(rawResponse("HTTP/1.1 099 Below")));
  });
});

describe("the proxy against a target that switches protocols", () => {
  it.each([
    ["with", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"],
    ["without", "HTTP/1.1 101 Switching Protocols\r\n\r\n"],
  ])(
    "turns a 101 nobody asked for (%s Upgrade) into a 502 within its time limit, and records the exchange",
    async (_, head) => {
      const target = await startRawTarget(() => head);
      const proxy = await startRecordingProxy({ target: new URL(target.baseUrl), limits: { timeoutMs: 2000 } });
      const started = performance.now();
      const { status } = await listCalls(proxy.baseUrl);
      expect(status).toBe(502);
      // The limit is 2 s; a proxy that waited on the switched connection would leave the client to its own 10 s.
      expect(performance.now() - started).toBeLessThan(5000);
      const entries = await proxy.entries();
      expect(entries.map((e) => new URL(e.request.url).pathname)).toEqual([LIST_PATH]);
      expect(entries[0]?._callsContract?.noResponse).toContain("101");
    },
  );

  it("keeps its time limit when the target sends only an interim 103 and never a final response", async () => {
    const target = await startRawTarget(() => "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n");
    const proxy = await startRecordingProxy({ target: new URL(target.baseUrl), limits: { timeoutMs: 1000 } });
    const started = performance.now();
    const { status } = await listCalls(proxy.baseUrl);
    expect(status).toBe(502);
    expect(performance.now() - started).toBeLessThan(5000);
    const entries = await proxy.entries();
    expect(entries[0]?._callsContract?.noResponse).toBe("ETIMEDOUT");
  });
});
