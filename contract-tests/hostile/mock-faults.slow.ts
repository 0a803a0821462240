// The hostile cases with faults switched on: a stateful mock whose every request fault kind fires at random
// (seeded) on every Calls API request, given malformed targets, pipelined requests, clients that hang up in the
// middle of a delay, a slow head or a dribbled body, bodies past the limit, and a flood. Nothing may crash it or
// wedge it: every request settles (a response or a closed connection) in bounded time, no failure escapes to its
// log, every kind fires, and once the faults are deleted it creates as before, its sockets and memory held.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type AdminFaultSpec, createAdminClient, type RunningMock, startMock } from "../../src/mock/index.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import {
  CREATE_PATH,
  HANG_MS,
  MiB,
  openFds,
  rawConnection,
  rawRequest,
  rssKb,
  sleep,
  VALID_CREATE,
  validCreateStatus,
} from "./harness.js";

/** Every request kind, each at 15%: tried in this order, so even the last fires on about 3% of requests. */
const EVERY_KIND: AdminFaultSpec[] = (
  [
    { kind: "latency-uniform", minMs: 0, maxMs: 20, probability: 0.3 },
    { kind: "latency-fixed", ms: 5, probability: 0.15 },
    { kind: "latency-lognormal", medianMs: 3, sigma: 1, maxMs: 30, probability: 0.15 },
    ...(
      [
        "rate-limit",
        "server-error",
        "service-unavailable",
        "reset-before-response",
        "reset-after-store",
        "empty-body",
        "truncated-body",
        "malformed-json",
      ] as const
    ).map((kind) => ({ kind, probability: 0.15 })),
    { kind: "slow-headers", ms: 40, probability: 0.15 },
    { kind: "dribbled-body", chunkBytes: 32, intervalMs: 1, probability: 0.15 },
    { kind: "server-error", afterStore: true, probability: 0.15 },
  ] as AdminFaultSpec[]
).map((spec, index) => ({ ...spec, seed: `hostile-${index}` }));

/** The kinds that close the connection of the request they act on. */
const CLOSING = new Set(["reset-before-response", "reset-after-store", "truncated-body", "slow-headers"]);

let mock: RunningMock;
const logged: string[] = [];
let startFds = 0;
let startRss = 0;

beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: (line) => logged.push(line), faults: EVERY_KIND });
  startFds = openFds(process.pid);
  startRss = rssKb(process.pid);
});
afterAll(() => mock?.stop());

const lastJournalId = async () => (await createAdminClient(mock.adminUrl as string).journal()).requests[0]?.id ?? 0;

/** The journal's Calls API requests after the one with this id, oldest first. */
const journalSince = async (id: number) =>
  (await createAdminClient(mock.adminUrl as string).journal()).requests.filter((e) => e.id > id).reverse();

/** The statuses of the complete responses in bytes read off one connection, in order (every one has a length). */
function completeResponses(bytes: Buffer): number[] {
  const statuses: number[] = [];
  for (let at = 0; ; ) {
    const headEnd = bytes.indexOf("\r\n\r\n", at);
    if (headEnd < 0) return statuses;
    const head = bytes.subarray(at, headEnd).toString("latin1");
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
    if (!Number.isInteger(length) || bytes.length < headEnd + 4 + length) return statuses;
    statuses.push(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]));
    at = headEnd + 4 + length;
  }
}

/**
 * A valid create by fetch: its status, 0 for a dropped connection or a spoiled body, -1 when nothing settled it
 * within HANG_MS. With `hangUpMs`, the client hangs up after that long, and 0 stands for that too.
 */
async function settledCreate(hangUpMs?: number): Promise<number> {
  const signal = AbortSignal.timeout(hangUpMs ?? HANG_MS);
  try {
    const response = await fetch(`${mock.baseUrl}${CREATE_PATH}`, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
      body: VALID_CREATE,
      signal,
    });
    await response.text();
    return response.status;
  } catch {
    return signal.aborted && hangUpMs === undefined ? -1 : 0;
  }
}

describe("the stateful mock with every fault kind switched on", () => {
  it("settles each of 300 creates sent 50 at a time, none hanging", async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 6; round++) {
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => settledCreate()))));
    }
    expect(statuses.filter((s) => s === -1)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([0, 201, 429, 500, 503]));
  });

  it("settles malformed targets and requests the HTTP parser refuses, each within the wait", async () => {
    const targets = ["%zz", "//[/", "/".repeat(20_000), `${CREATE_PATH}/%E0%A4%A`, "http://[::1"];
    for (const target of targets) {
      const text = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\nConnection: close\r\n\r\n`;
      const response = await rawRequest(mock.baseUrl, Buffer.from(text, "latin1"), HANG_MS);
      expect(response.status !== undefined || response.closed, `${target.slice(0, 40)} hung`).toBe(true);
    }
    const garbage = await rawRequest(mock.baseUrl, "\n\x00\x01garbage\r\n\r\n", HANG_MS);
    expect(garbage.status !== undefined || garbage.closed).toBe(true);
  });

  it("settles five creates pipelined on one connection, each response as the journal says, or closes it", async ({
    onTestFinished,
  }) => {
    const since = await lastJournalId();
    const connection = rawConnection(mock.baseUrl, onTestFinished);
    const one = `POST ${CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${VALID_CREATE.length}\r\n\r\n${VALID_CREATE}`;
    const received: Buffer[] = [];
    connection.socket.on("data", (chunk: Buffer) => received.push(chunk));
    connection.socket.write(one.repeat(5));
    await vi.waitFor(async () => expect(connection.isClosed() || (await journalSince(since)).length === 5).toBe(true), {
      timeout: HANG_MS,
    });
    await sleep(100);
    const journal = await journalSince(since);
    const responses = completeResponses(Buffer.concat(received));
    // Every request the mock read is journalled; every complete response it wrote is the one the journal recorded.
    expect(journal.length).toBeGreaterThan(0);
    expect(journal.every((e) => e.operationId === "createCall")).toBe(true);
    expect(responses.length).toBeLessThanOrEqual(journal.length);
    expect(responses).toEqual(journal.slice(0, responses.length).map((e) => e.status));
    expect(responses.every((status) => [201, 429, 500, 503].includes(status))).toBe(true);
    // Fewer than five: a fault closed the connection on the last request the mock read.
    if (journal.length < 5) expect(CLOSING.has(journal.at(-1)?.faults?.at(-1)?.kind ?? "")).toBe(true);
    expect(journal.filter((e) => e.faults !== undefined).length).toBeGreaterThan(0);
  });

  it("lets go 100 clients that hang up within 10 ms, in a delay, a slow head or a dribbled body", async () => {
    const since = await lastJournalId();
    await Promise.all(Array.from({ length: 100 }, () => settledCreate(10)));
    await sleep(200);
    expect(logged.filter((line) => line.startsWith("failed on"))).toEqual([]);
    // The hang-ups came in the middle of a fault: requests whose fault took longer than the 10 ms the client waited.
    const outlasting = (await journalSince(since))
      .flatMap((e) => e.faults ?? [])
      .filter((f) => (f.delayMs ?? 0) > 10 || f.kind === "slow-headers" || f.kind === "dribbled-body")
      .map((f) => (f.kind.startsWith("latency") ? "latency" : f.kind));
    expect(outlasting).toContain("latency");
    expect(outlasting.filter((kind) => kind !== "latency").length).toBeGreaterThan(0);
  });

  it("responds 413 to a body past the limit, faults or not", async ({ onTestFinished }) => {
    const body = `To=${"1".repeat(MiB)}`;
    const connection = rawConnection(mock.baseUrl, onTestFinished);
    connection.socket.write(
      `POST ${CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    connection.socket.write(body);
    expect((await connection.within(HANG_MS)).status).toBe(413);
  });

  it("fired every kind it was given, and let no failure escape to its log", async () => {
    const { faults } = await createAdminClient(mock.adminUrl as string).faults();
    expect(faults.filter((f) => f.fired === 0).map((f) => f.kind)).toEqual([]);
    expect(logged.filter((line) => line.startsWith("failed on"))).toEqual([]);
  });

  it("creates as before once the faults are deleted, its sockets and memory held", async () => {
    await createAdminClient(mock.adminUrl as string).clearFaults();
    expect(await validCreateStatus(mock.baseUrl)).toBe(201);
    await vi.waitFor(() => expect(openFds(process.pid)).toBeLessThanOrEqual(startFds + 20), { timeout: 5000 });
    expect(rssKb(process.pid) - startRss).toBeLessThan(200 * 1024);
  });
});
