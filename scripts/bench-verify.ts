// verify --generate's figures for `npm run bench` (section `verify`): generated cases per second against the stateful
// mock on this machine (a process of its own, on the manual clock, as `verify --generate` starts it), side by side in
// the same rounds with the same number of bare requests over verify's own transport to a loopback server that
// answers at once: the limit no verify run can pass. Issue 24's goal: 2,000 cases in under 10 s.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exchange } from "../src/http-exchange.js";
import { planRequests, runVerify } from "../src/verify/index.js";
import { fmt, median } from "./bench-lib.js";
import { type BenchContext, serve } from "./bench-mock.js";

const CASES = 2000;
const TOKEN = "bench-token";

/** One generated run of CASES cases on a fresh account: its seconds and the requests it sent. */
async function generatedRun(baseUrl: string, round: number): Promise<{ seconds: number; requests: number }> {
  const credentials = { accountSid: `AC${(round + 1).toString(16).padStart(32, "b")}`, authToken: TOKEN };
  const secondCredentials = { accountSid: `AC${(round + 1).toString(16).padStart(32, "c")}`, authToken: TOKEN };
  const started = performance.now();
  const result = await runVerify({
    baseUrl,
    credentials,
    secondCredentials,
    // As verify --generate does with its embedded mock: both accounts' tokens given to the mock, which then refuses
    // other tokens, so that the wrong-token and cross-account cases find a faithful server.
    mockAdminUrl: `${baseUrl}/__mock/api`,
    generate: { seed: round + 1, maxCases: CASES },
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = result.outcomes.filter((o) => !o.passed && o.severity === "error");
  if (failed.length > 0) throw new Error(`the faithful mock failed ${failed.length} check(s): ${failed[0]?.check}`);
  return { seconds, requests: result.outcomes.filter((o) => o.check === "status-declared").length };
}

/** The same number of requests, one at a time, over verify's transport to a server that answers `{}` at once. */
async function bareRun(baseUrl: string, requests: number): Promise<number> {
  const url = new URL(`${baseUrl}/2010-04-01/Accounts/AC00/Calls.json`);
  const started = performance.now();
  for (let i = 0; i < requests; i++)
    await exchange(url, {
      method: "GET",
      headers: { Accept: "application/json" },
      timeoutMs: 15_000,
      maxResponseBytes: 1 << 20,
    });
  return (performance.now() - started) / 1000;
}

function startBareServer(): Promise<{ baseUrl: string; close: () => void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end("{}");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }),
    ),
  );
}

export async function verifyBenchmarks({ quick, print }: BenchContext): Promise<void> {
  const mock = await serve(["--stateful", "--clock", "manual", "--max-calls", "500000"]);
  const bare = await startBareServer();
  const corpus = planRequests(mock.baseUrl).runnable.length;
  const rows: Array<{ seconds: number; cases: number; perSecond: number; barePerSecond: number }> = [];
  try {
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      const run = await generatedRun(mock.baseUrl, round);
      const bareSeconds = await bareRun(bare.baseUrl, run.requests);
      rows.push({
        seconds: run.seconds,
        cases: run.requests - corpus,
        perSecond: run.requests / run.seconds,
        barePerSecond: run.requests / bareSeconds,
      });
    }
  } finally {
    bare.close();
    await mock.stop();
  }
  const m = (pick: (r: (typeof rows)[number]) => number) => median(rows.map(pick));
  const ratio = median(rows.map((r) => r.perSecond / r.barePerSecond));
  print(
    `\nverify --generate --max-cases ${CASES} against the stateful mock (manual clock), median of ${rows.length} round(s)`,
  );
  print(
    `  generated cases sent                        ${fmt(m((r) => r.cases)).padStart(10)} (and ${corpus} corpus requests first)`,
  );
  print(
    `  whole run                                   ${m((r) => r.seconds)
      .toFixed(2)
      .padStart(10)} s`,
  );
  print(
    `  requests judged per second                  ${fmt(m((r) => r.perSecond)).padStart(10)} /s   ${ratio.toFixed(2)}x of the bare transport`,
  );
  print(
    `  bare loopback transport, same requests      ${fmt(m((r) => r.barePerSecond)).padStart(10)} /s   (the limit)`,
  );
}
