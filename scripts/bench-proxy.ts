// The recording proxy's figures for `npm run bench`: the latency it adds to an exchange with the mock, measured
// against the mock direct in the same run, and its memory over 10,000 exchanges streamed to a HAR file.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { basicAuthHeader } from "../src/basic-auth.js";
import { median } from "./bench-lib.js";
import { type BenchContext, serve } from "./bench-mock.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ACCOUNT = "AC00000000000000000000000000000000";
const TOKEN = "bench-token";

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

export async function proxyOverhead({ quick, print }: BenchContext) {
  const dir = await mkdtemp(join(tmpdir(), "calls-contract-bench-"));
  const har = join(dir, "bench.har");
  const mock = await serve([]);
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
