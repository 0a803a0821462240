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
  postForm,
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

  it("settles five creates pipelined on one connection, or closes it", async ({ onTestFinished }) => {
    const connection = rawConnection(mock.baseUrl, onTestFinished);
    const one = `POST ${CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${VALID_CREATE.length}\r\n\r\n${VALID_CREATE}`;
    connection.socket.write(one.repeat(5));
    const first = await connection.within(HANG_MS);
    expect(first.status !== undefined || first.closed).toBe(true);
  });

  it("lets go 100 clients that hang up within 10 ms, in a delay, a slow head or a dribbled body", async () => {
    await Promise.all(Array.from({ length: 100 }, () => settledCreate(10)));
    await sleep(200);
    expect(logged.filter((line) => line.startsWith("failed on"))).toEqual([]);
  });

  it("responds 413 to a body past the limit, faults or not", async () => {
    const big = await postForm(mock.baseUrl, `To=${"1".repeat(MiB)}`).catch(() => ({ status: 0 }));
    expect([0, 413]).toContain(big.status);
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
