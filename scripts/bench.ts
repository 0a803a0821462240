// `npm run bench`: every figure side by side in one run, with ratios, since these machines are shared and noisy.
// Contenders are interleaved round by round and the median round is reported.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import spec from "../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../src/basic-auth.js";
import { createCallsClient } from "../src/client/index.js";
import { startMock } from "../src/mock/index.js";
import { validateCall, validateCreateCallRequest } from "../src/validation/index.js";
import { renderGenerated } from "./codegen.js";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "bench-token";
const PARAMS = {
  To: "+13105555555",
  From: "+12125551234",
  Url: "https://example.com/twiml",
  StatusCallbackEvent: ["initiated", "completed"] as ("initiated" | "completed")[],
};
// The same request in the SDK's camelCase parameter names.
const SDK_PARAMS = {
  to: PARAMS.To,
  from: PARAMS.From,
  url: PARAMS.Url,
  statusCallbackEvent: PARAMS.StatusCallbackEvent,
};
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 1 : 3;
const SECONDS = quick ? 0.5 : 2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const print = (line = "") => process.stdout.write(`${line}\n`);

/** Sequential calls for `seconds`; returns calls per second. */
async function rate(fn: () => Promise<unknown>, seconds: number): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up: connections, JIT
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return n / seconds;
}

async function compare(
  title: string,
  contenders: Record<string, () => Promise<unknown>>,
  baseline: string,
  unit: string,
) {
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, fn] of Object.entries(contenders)) results[name]!.push(await rate(fn, SECONDS));
  print(`\n${title}`);
  const base = median(results[baseline]!);
  for (const [name, values] of Object.entries(results)) {
    const m = median(values);
    print(
      `  ${name.padEnd(44)} ${fmt(m).padStart(10)} ${unit}   ${(m / base).toFixed(2)}x ${name === baseline ? "(baseline)" : `of ${baseline}`}`,
    );
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
}

async function startEchoServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", `${root}scripts/bench-server.ts`], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function clientThroughput() {
  const server = await startEchoServer();
  try {
    const ours = createCallsClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: server.baseUrl });
    const oursUnchecked = createCallsClient({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      baseUrl: server.baseUrl,
      validate: false,
    });
    const oursOnGlobalFetch = createCallsClient({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      baseUrl: server.baseUrl,
      fetch: (r) => fetch(r),
    });
    const twilio = require("twilio")(ACCOUNT, TOKEN);
    twilio.api.baseUrl = server.baseUrl;
    const auth = basicAuthHeader(ACCOUNT, TOKEN);
    const url = `${server.baseUrl}/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;
    const body =
      "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml&StatusCallbackEvent=initiated&StatusCallbackEvent=completed";
    return await compare(
      `createCall throughput: sequential requests to one local HTTP server, ${ROUNDS} interleaved rounds of ${SECONDS} s, median`,
      {
        "official twilio SDK 6.2.0 (calls.create)": () => twilio.calls.create(SDK_PARAMS),
        "calls-contract client (validation on)": () => ours.create(PARAMS),
        "calls-contract client (validation off)": () => oursUnchecked.create(PARAMS),
        "calls-contract client on Node's global fetch": () => oursOnGlobalFetch.create(PARAMS),
        "plain global fetch, hand-built form": async () =>
          (
            await fetch(url, {
              method: "POST",
              headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
              body,
            })
          ).json(),
      },
      "official twilio SDK 6.2.0 (calls.create)",
      "req/s",
    );
  } finally {
    server.stop();
  }
}

function coldImports() {
  const runs = quick ? 3 : 9;
  const probes: Record<string, string[]> = {
    "require('twilio')": ["-e", "const t=performance.now(); require('twilio'); console.log(performance.now()-t)"],
    "import('calls-contract/client')": [
      "--input-type=module",
      "-e",
      "const t=performance.now(); await import('calls-contract/client'); console.log(performance.now()-t)",
    ],
    "import('calls-contract') (everything)": [
      "--input-type=module",
      "-e",
      "const t=performance.now(); await import('calls-contract'); console.log(performance.now()-t)",
    ],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of Object.entries(probes))
      times[name]!.push(Number(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim()));
  }
  const twilio = median(times["require('twilio')"]!);
  print(
    `\nCold import in a fresh node process (time of the import statement itself), median of ${runs} interleaved runs`,
  );
  for (const [name, values] of Object.entries(times)) {
    print(
      `  ${name.padEnd(44)} ${median(values).toFixed(1).padStart(8)} ms   ${(median(values) / twilio).toFixed(2)}x of require('twilio')`,
    );
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

async function validatorSpeed() {
  const call = spec.components.examples.CompletedCall.value;
  const form =
    "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml&StatusCallbackEvent=initiated&StatusCallbackEvent=completed&Timeout=30";
  const raw = (require("../generated/validators.cjs") as Record<string, (d: unknown) => boolean>).Call!;
  const loop = (fn: () => unknown) => async () => {
    for (let i = 0; i < 1000; i++) fn();
  };
  const result = await compare(
    "Validation speed, one core (each figure is thousands of validations per second)",
    {
      "compiled ajv function, Call object": loop(() => raw(call)),
      "validateCall (with violation mapping)": loop(() => validateCall(call)),
      "validateCreateCallRequest, form text": loop(() => validateCreateCallRequest(form)),
      "validateCreateCallRequest, typed object": loop(() => validateCreateCallRequest(PARAMS)),
    },
    "compiled ajv function, Call object",
    "k/s",
  );
  return result;
}

async function loadTest(baseUrl: string, seconds: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const path = `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;
  const body = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml";
  const headers = {
    Authorization: basicAuthHeader(ACCOUNT, TOKEN),
    "Content-Type": "application/x-www-form-urlencoded",
    "Content-Length": String(body.length),
  };
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request(`${baseUrl}${path}`, { method: "POST", headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 201) reject(new Error(`status ${res.statusCode}`));
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on("error", reject);
      req.end(body);
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
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}

/** `calls-contract mock` as a user starts it: its own process (front layer) with Prism as its child. */
async function startMockCli(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [`${root}dist/cli/main.js`, "mock", "--port", "0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`calls-contract mock exited with ${code}`)));
  });
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function mockThroughput() {
  // Both in processes of their own, Prism with the same flags in both, the load from this process.
  const [full, bare] = await Promise.all([startMockCli(), startMock({ prismOnly: true })]);
  const seconds = quick ? 1 : 4;
  try {
    await loadTest(full.baseUrl, 0.5, 10);
    await loadTest(bare.baseUrl, 0.5, 10);
    const runs: Record<string, Array<{ rps: number; p50: number; p99: number }>> = {
      "calls-contract mock": [],
      "bare Prism 5.14.2": [],
    };
    for (let r = 0; r < (quick ? 1 : 2); r++) {
      runs["bare Prism 5.14.2"]!.push(await loadTest(bare.baseUrl, seconds, 10));
      runs["calls-contract mock"]!.push(await loadTest(full.baseUrl, seconds, 10));
    }
    print(
      `\nMock throughput: POST createCall, 10 keep-alive connections, ${runs["calls-contract mock"]!.length} interleaved runs of ${seconds} s, median`,
    );
    const summary = Object.fromEntries(
      Object.entries(runs).map(([k, v]) => [
        k,
        { rps: median(v.map((x) => x.rps)), p50: median(v.map((x) => x.p50)), p99: median(v.map((x) => x.p99)) },
      ]),
    );
    const bareRps = summary["bare Prism 5.14.2"]!.rps;
    for (const [name, s] of Object.entries(summary)) {
      print(
        `  ${name.padEnd(44)} ${fmt(s.rps).padStart(8)} req/s   p50 ${s.p50.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   ${(s.rps / bareRps).toFixed(2)}x of bare Prism`,
      );
    }
    return summary;
  } finally {
    await Promise.all([full.stop(), bare.stop()]);
  }
}

/** `calls-contract proxy` as a user starts it, recording to a HAR file; resolves once it listens. */
async function startProxyCli(target: string, har: string) {
  const child = spawn(
    process.execPath,
    [`${root}dist/cli/main.js`, "proxy", "--target", target, "--port", "0", "--har", har],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /listening on (\S+),/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`calls-contract proxy exited with ${code}`)));
  });
  return {
    baseUrl,
    pid: child.pid!,
    /** SIGINT, as Ctrl-C: the proxy closes its HAR file and judges it before it exits. */
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      }),
  };
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function proxyOverhead() {
  const dir = await mkdtemp(join(tmpdir(), "calls-contract-bench-"));
  const har = join(dir, "bench.har");
  const mock = await startMockCli();
  const proxy = await startProxyCli(mock.baseUrl, har);
  try {
    const path = `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;
    const body = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml";
    const headers = {
      Authorization: basicAuthHeader(ACCOUNT, TOKEN),
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(body.length),
    };
    const agents = {
      direct: new Agent({ keepAlive: true, maxSockets: 1 }),
      proxied: new Agent({ keepAlive: true, maxSockets: 1 }),
    };
    const once = (baseUrl: string, agent: Agent) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const req = request(`${baseUrl}${path}`, { method: "POST", headers, agent }, (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 201
              ? resolve(performance.now() - started)
              : reject(new Error(`status ${res.statusCode}`)),
          );
        });
        req.on("error", reject);
        req.end(body);
      });
    // Latency: one request at a time on one keep-alive connection each, direct and proxied taking turns, so that
    // both see the same machine.
    const n = quick ? 300 : 2000;
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < 100; i++) {
      await once(mock.baseUrl, agents.direct);
      await once(proxy.baseUrl, agents.proxied);
    }
    for (let i = 0; i < n; i++) {
      direct.push(await once(mock.baseUrl, agents.direct));
      proxied.push(await once(proxy.baseUrl, agents.proxied));
    }
    const p50 = { direct: median(direct), proxied: median(proxied) };
    print(
      `\nProxy overhead: POST createCall to the mock, sequential, one keep-alive connection each, ${n} requests taking turns`,
    );
    print(`  ${"direct to calls-contract mock".padEnd(44)} p50 ${p50.direct.toFixed(2)} ms`);
    print(
      `  ${"through calls-contract proxy (HAR on disk)".padEnd(44)} p50 ${p50.proxied.toFixed(2)} ms   added ${(p50.proxied - p50.direct).toFixed(2)} ms per exchange`,
    );

    // Memory: 10,000 more exchanges, 10 at a time, the proxy's resident memory read at each quarter.
    const total = quick ? 2000 : 10_000;
    const load = new Agent({ keepAlive: true, maxSockets: 10 });
    const readings = [rssMiB(proxy.pid)];
    for (let quarter = 0; quarter < 4; quarter++) {
      let left = total / 4;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (left-- > 0) await once(proxy.baseUrl, load);
        }),
      );
      readings.push(rssMiB(proxy.pid));
    }
    const exchanges = n + 100 + total;
    print(`\nProxy memory: resident set of the proxy process before and after each quarter of ${total} more exchanges`);
    print(
      `  ${readings.map((r) => `${r.toFixed(0)} MiB`).join(" -> ")}   HAR on disk ${(statSync(har).size / 1024 / 1024).toFixed(1)} MiB for ${exchanges} exchanges`,
    );
    for (const agent of [agents.direct, agents.proxied, load]) agent.destroy();
    await proxy.stop();
    const replayStarted = performance.now();
    // Exit 1 would mean the mock broke the contract; the time is what this row is about.
    spawnSync(process.execPath, [`${root}dist/cli/main.js`, "verify", "--har", har], { stdio: "ignore" });
    print(`  verify --har on that file: ${((performance.now() - replayStarted) / 1000).toFixed(1)} s`);
    return { p50, readings };
  } finally {
    await proxy.stop();
    await mock.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function codegenTime() {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const started = performance.now();
    await renderGenerated(root);
    times.push(performance.now() - started);
  }
  print(
    `\nSpec to generated files (types, bundled JSON, standalone validators), in memory: median ${median(times).toFixed(0)} ms of ${times.length}`,
  );
}

const started = performance.now();
print(
  `calls-contract benchmarks on Node ${process.version}, ${(await import("node:os")).cpus().length} cores${quick ? " (quick)" : ""}`,
);
await clientThroughput();
coldImports();
await validatorSpeed();
await mockThroughput();
await proxyOverhead();
await codegenTime();
print(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
