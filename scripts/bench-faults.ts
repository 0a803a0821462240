// The faults' figures for `npm run bench` (issue 25): the stateful mock under 100 keep-alive connections, without a
// fault and with 50 ms of injected latency on every create, side by side in one run. With 50 ms per request, 100
// connections can carry at most 100 / 0.05 = 2,000 requests per second: the ideal the faulty mock is held to (1,800
// is the goal). A third contender has the same latency behind 999 faults that match another account, for what a
// full registry costs each request.
import type { AdminFaultSpec } from "../src/mock/index.js";
import { fmt, median } from "./bench-lib.js";
import { type BenchContext, type Load, loadTest, STATEFUL_MOCK_ARGS, serve } from "./bench-mock.js";

const CONNECTIONS = 100;
const LATENCY_MS = 50;
const IDEAL_RPS = CONNECTIONS / (LATENCY_MS / 1000);
const GOAL_RPS = 1800;

const LATENCY: AdminFaultSpec = { kind: "latency-fixed", ms: LATENCY_MS };
const ELSEWHERE: AdminFaultSpec = { kind: "rate-limit", match: { accountSid: `AC${"f".repeat(32)}` } };

const CONTENDERS: Record<string, AdminFaultSpec[]> = {
  "stateful mock, no fault": [],
  [`stateful mock, ${LATENCY_MS} ms latency-fixed`]: [LATENCY],
  [`stateful mock, ${LATENCY_MS} ms latency behind 999 faults`]: [...Array(999).fill(ELSEWHERE), LATENCY],
};

async function addFaults(baseUrl: string, faults: AdminFaultSpec[]): Promise<void> {
  for (const fault of faults) {
    const response = await fetch(`${baseUrl}/__mock/api/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    if (response.status !== 201) throw new Error(`addFault responded ${response.status}: ${await response.text()}`);
  }
}

export async function faultBenchmarks({ quick, print }: BenchContext): Promise<void> {
  const names = Object.keys(CONTENDERS);
  const loads: Record<string, Load[]> = Object.fromEntries(names.map((n) => [n, []]));
  const seconds = quick ? 1 : 4;
  const rounds = quick ? 1 : 3;
  // Each round starts every contender afresh, in turn, and loads them one after the other.
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const served = await serve(STATEFUL_MOCK_ARGS);
      try {
        await addFaults(served.baseUrl, CONTENDERS[name] as AdminFaultSpec[]);
        await loadTest(served.baseUrl, 0.5, CONNECTIONS); // warm-up: sockets, JIT
        loads[name]?.push(await loadTest(served.baseUrl, seconds, CONNECTIONS));
      } finally {
        await served.stop();
      }
    }
  }
  const base = names[0] as string;
  print(
    `\nFaults: POST createCall, ${CONNECTIONS} keep-alive connections, ${seconds} s per contender per round, ${rounds} rounds, median round (ideal with ${LATENCY_MS} ms: ${fmt(IDEAL_RPS)} req/s, goal ${fmt(GOAL_RPS)})`,
  );
  for (const name of names) {
    const runs = loads[name] ?? [];
    const rps = median(runs.map((l) => l.rps));
    const ratio = median(runs.map((l, r) => l.rps / ((loads[base] ?? [])[r]?.rps ?? 1)));
    const ideal = name === base ? "" : `  ${(rps / IDEAL_RPS).toFixed(2)}x of the ideal`;
    print(
      `  ${name.padEnd(46)} ${fmt(rps).padStart(7)} req/s  p50 ${median(runs.map((l) => l.p50)).toFixed(2)} ms  p99 ${median(runs.map((l) => l.p99)).toFixed(2)} ms  ${ratio.toFixed(2)}x of no fault${ideal}`,
    );
  }
}
