// `npm run bench`: every figure side by side in one run, with ratios, since these machines are shared and noisy.
// Contenders are interleaved round by round; each figure is the median round, each ratio the median of the
// rounds' ratios.
import { execFileSync, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import spec from "../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../src/basic-auth.js";
import { startMock } from "../src/mock/index.js";
import { validateCall, validateCreateCallRequest } from "../src/validation/index.js";
import { clientThroughput, firstCall, startEchoServer } from "./bench-client.js";
import { fmt, interleaved, median, print, quick, summarize } from "./bench-lib.js";
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

async function compare(
  title: string,
  contenders: Record<string, () => Promise<unknown>>,
  baseline: string,
  unit: string,
) {
  const results = summarize(await interleaved(contenders), baseline);
  print(`\n${title}`);
  for (const [name, { perSecond: m, perSecondRatio }] of Object.entries(results)) {
    print(
      `  ${name.padEnd(44)} ${fmt(m).padStart(10)} ${unit}   ${perSecondRatio.toFixed(2)}x ${name === baseline ? "(baseline)" : `of ${baseline}`}`,
    );
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.perSecond]));
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
const echo = await startEchoServer();
try {
  await clientThroughput(echo.baseUrl);
  coldImports();
  firstCall(echo.baseUrl);
} finally {
  echo.stop();
}
await validatorSpeed();
await mockThroughput();
await codegenTime();
print(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
