// The mock's figures for `npm run bench`: throughput and latency of the stateless and stateful mocks against bare
// Prism in the same run, start-up to the first response, and a whole call lifecycle on the manual clock.
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { basicAuthHeader } from "../src/basic-auth.js";
import { createCallsClient } from "../src/client/index.js";
import { createAdminClient, startMock } from "../src/mock/index.js";
import { fmt, median } from "./bench-lib.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "bench-token";
const BODY = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml";
// The stateful mock keeps every call; spreading the load over many accounts keeps each account's store and queue
// as small as a test suite's would be. Prism sees the same requests.
const ACCOUNTS = Array.from({ length: 256 }, (_, i) => `AC${i.toString(16).padStart(32, "0")}`);
/**
 * The stateful mock as the benches load it. Every create stays live (queued at 1 call per second per account), so a
 * 4.5 s load at about 4,500 creates per second crosses the default bound of 20,000 live calls and the mock refuses
 * the rest with 429. 500,000 is out of reach of any load here (it would take over 100,000 creates per second), and
 * per account the load stays near 80 calls, far under the default 10,000.
 */
export const STATEFUL_MOCK_ARGS = ["--stateful", "--max-calls", "500000"];

export interface BenchContext {
  quick: boolean;
  print: (line?: string) => void;
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
}

/** POST createCall from this process over `connections` keep-alive sockets for `seconds`. */
export async function loadTest(baseUrl: string, seconds: number, connections: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const account = ACCOUNTS[n++ % ACCOUNTS.length] as string;
      const headers = {
        Authorization: basicAuthHeader(account, TOKEN),
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(BODY.length),
      };
      const started = performance.now();
      const path = `/2010-04-01/Accounts/${account}/Calls.json`;
      const req = request(`${baseUrl}${path}`, { method: "POST", headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 201) reject(new Error(`${baseUrl} responded ${res.statusCode}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on("error", reject);
      req.end(BODY);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] as number,
    p99: latencies[Math.floor(latencies.length * 0.99)] as number,
  };
}

export interface Served {
  baseUrl: string;
  /** From spawning the process to the first 201 of a createCall. */
  startupMs: number;
  stop: () => Promise<void>;
}

/** A mock in a process of its own, from spawning it to its first 201; `name` says which in an error. */
export async function served(child: ChildProcess, name: string): Promise<Served> {
  const started = performance.now();
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}`))),
  );
  const baseUrl = await Promise.race([
    exited,
    new Promise<string>((resolve) => {
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const match = /listening on (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
    }),
  ]);
  // Prism's own "listening" can come before it responds; the first 201 is what a test waits for.
  for (;;) {
    const ok = await loadTest(baseUrl, 0.001, 1).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - started;
  return {
    baseUrl,
    startupMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** `calls-contract mock` with `flags`, as a user starts it: a process of its own, timed to its first 201. */
export function serve(flags: string[]): Promise<Served> {
  const child = spawn(process.execPath, [`${root}dist/cli/main.js`, "mock", "--port", "0", ...flags], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  return served(child, `calls-contract mock ${flags.join(" ")}`);
}

const CONTENDERS: Record<string, string[]> = {
  "bare Prism 5.14.2 (--prism-only)": ["--prism-only"],
  "calls-contract mock": [],
  "calls-contract mock --stateful": STATEFUL_MOCK_ARGS,
};

async function throughput({ quick, print }: BenchContext): Promise<void> {
  const names = Object.keys(CONTENDERS);
  const startups: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const loads: Record<string, Load[]> = Object.fromEntries(names.map((n) => [n, []]));
  const seconds = quick ? 1 : 4;
  const rounds = quick ? 1 : 3;
  // Each round starts every contender afresh, in turn, and loads them one after the other.
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const served = await serve(CONTENDERS[name] as string[]);
      try {
        startups[name]?.push(served.startupMs);
        await loadTest(served.baseUrl, 0.5, 10); // warm-up: sockets, JIT
        loads[name]?.push(await loadTest(served.baseUrl, seconds, 10));
      } finally {
        await served.stop();
      }
    }
  }
  const bare = names[0] as string;
  const bareRps = median((loads[bare] ?? []).map((l) => l.rps));
  const bareStart = median(startups[bare] ?? []);
  print(
    `\nMock: POST createCall, 10 keep-alive connections, ${seconds} s per contender per round, ${rounds} rounds, median round`,
  );
  for (const name of names) {
    const runs = loads[name] ?? [];
    const rps = median(runs.map((l) => l.rps));
    const p50 = median(runs.map((l) => l.p50));
    const p99 = median(runs.map((l) => l.p99));
    const perRound = runs.map((l) => (l.rps / bareRps).toFixed(2)).join(" / ");
    print(
      `  ${name.padEnd(36)} ${fmt(rps).padStart(7)} req/s  p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ${(rps / bareRps).toFixed(2)}x of bare Prism (rounds: ${perRound})`,
    );
  }
  print("\nMock start-up, spawn to the first 201 of a createCall, median of the rounds");
  for (const name of names) {
    const ms = median(startups[name] ?? []);
    print(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / bareStart).toFixed(2)}x of bare Prism`);
  }
}

/** A whole call in a test: create, four signed callbacks received, fetch shows completed. */
async function lifecycle({ quick, print }: BenchContext): Promise<void> {
  const mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  const admin = createAdminClient(mock.adminUrl as string);
  let received = 0;
  let wake: () => void = () => undefined;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(204).end();
      received++;
      wake();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const statusCallback = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/status`;
  const client = createCallsClient({ accountSid: ACCOUNTS[0] as string, authToken: TOKEN, baseUrl: mock.baseUrl });
  const once = async () => {
    received = 0;
    const call = await client.create({
      To: "+13105555555",
      From: "+12125551234",
      Url: "https://example.com/twiml",
      StatusCallback: statusCallback,
      StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    });
    await admin.advance(60_000);
    while (received < 4) await new Promise<void>((resolve) => (wake = resolve));
    const fetched = await client.fetch(call.sid);
    if (fetched.status !== "completed") throw new Error(`the call is ${fetched.status}, not completed`);
  };
  try {
    for (let i = 0; i < 10; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < (quick ? 20 : 200); i++) {
      const started = performance.now();
      await once();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)] as number;
    print(
      `\nStateful lifecycle in a test (create, advance the manual clock, 4 signed callbacks received, fetch completed), ${times.length} runs`,
    );
    print(`  median ${median(times).toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   (limit 100 ms)`);
  } finally {
    receiver.close();
    await mock.stop();
  }
}

export async function mockBenchmarks(context: BenchContext): Promise<void> {
  await throughput(context);
  await lifecycle(context);
}
