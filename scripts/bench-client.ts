// The client's part of `npm run bench`: createCall against one local server, each contender read against two
// floors measured in the same run (a bare request on node:http and on undici, each with JSON.parse and nothing
// else), in requests per second and in this process's CPU per request; the client against itself before typed
// errors (its source at that commit, from git), on a created call and on a refused one; then the first call of a
// fresh process.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Undici from "undici";
import spec from "../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../src/basic-auth.js";
import { createCallsClient, isTwilioError } from "../src/client/index.js";
import { fmt, interleaved, median, print, quick, ROUNDS, SECONDS, type Summary, summarize } from "./bench-lib.js";

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
// The bytes the client puts on the wire for PARAMS, sent as they are by the floors and the plain fetch row.
const FORM =
  "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml&StatusCallbackEvent=initiated&StatusCallbackEvent=completed";
const HEADERS = {
  authorization: basicAuthHeader(ACCOUNT, TOKEN),
  accept: "application/json",
  "accept-encoding": "identity",
  "content-type": "application/x-www-form-urlencoded",
};
const PATH = `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;

export const FLOOR_NODE = "floor: bare node:http request + JSON.parse";
export const FLOOR_UNDICI = "floor: bare undici.request + JSON.parse";
const SDK = "official twilio SDK 6.2.0 (calls.create)";
const OURS = "calls-contract client (validation on)";
const BEFORE = "calls-contract client before typed errors";
/** The goal for typed errors: createCall's CPU per request at most this ratio of the client's before them. */
const TYPED_ERRORS_GOAL = 1.03;

/** A server in a process of its own, started from `args`, that prints its port on its first line. */
async function startServer(args: string[]): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

export function startEchoServer(): Promise<{ baseUrl: string; stop: () => void }> {
  return startServer(["--import", "tsx", `${root}scripts/bench-server.ts`]);
}

/** A server that refuses every request with the spec's example of createCall's 400, as the mock would. */
function startRefusingServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const body = JSON.stringify(
    spec.components.responses.InvalidCreateRequest.content["application/json"].examples.missingTo.value,
  );
  const server = `
    const body = ${JSON.stringify(body)};
    const server = require("node:http").createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(400, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 30000;
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));
    process.stdin.on("end", () => process.exit(0)).resume();`;
  return startServer(["-e", server]);
}

type ClientModule = typeof import("../src/client/index.js");

/**
 * The client's source as it was just before typed errors (the parent of the commit that added declared-errors.ts,
 * or `--baseline=REF`), taken from git into a directory of its own and imported as this process imports ours, so
 * that both run in the same run; undefined where the history is not there (a shallow clone).
 */
async function clientBeforeTypedErrors(): Promise<{ ref: string; client: ClientModule } | undefined> {
  const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
  const given = process.argv.find((arg) => arg.startsWith("--baseline="))?.slice("--baseline=".length);
  let ref: string;
  try {
    const added = git("log", "--diff-filter=A", "--format=%H", "--", "src/client/declared-errors.ts")
      .split("\n")
      .at(-1);
    ref = git("rev-parse", "--short", given ?? `${added}^`);
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "calls-contract-before-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  execFileSync("sh", ["-c", `git -C "${root}" archive ${ref} src generated | tar -x -C "${dir}"`]);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return { ref, client: (await import(pathToFileURL(join(dir, "src/client/index.ts")).href)) as ClientModule };
}

/** One POST over node:http with a keep-alive agent: the body read in chunks and parsed, nothing more. */
function bareNodeHttp(baseUrl: string) {
  const agent = new HttpAgent({ keepAlive: true });
  const headers = { ...HEADERS, "content-length": String(Buffer.byteLength(FORM)) };
  const url = `${baseUrl}${PATH}`;
  return () =>
    new Promise<unknown>((resolve, reject) => {
      const req = httpRequest(url, { method: "POST", headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(FORM);
    });
}

/** One undici.request with a keep-alive Agent of its own: the body read as text and parsed, nothing more. */
function bareUndici(baseUrl: string) {
  const undici = require("undici") as typeof Undici;
  const dispatcher = new undici.Agent();
  const url = `${baseUrl}${PATH}`;
  return async () => {
    const { body } = await undici.request(url, { method: "POST", headers: HEADERS, body: FORM, dispatcher });
    return JSON.parse(await body.text());
  };
}

export async function clientThroughput(baseUrl: string): Promise<Record<string, Summary>> {
  const options = { accountSid: ACCOUNT, authToken: TOKEN, baseUrl };
  const ours = createCallsClient(options);
  const unchecked = createCallsClient({ ...options, validate: false });
  const overNode = createCallsClient({ ...options, transport: "node" });
  const onGlobalFetch = createCallsClient({ ...options, fetch: (r) => fetch(r) });
  const twilio = require("twilio")(ACCOUNT, TOKEN);
  twilio.api.baseUrl = baseUrl;
  const rounds = await interleaved({
    [FLOOR_NODE]: bareNodeHttp(baseUrl),
    [FLOOR_UNDICI]: bareUndici(baseUrl),
    [SDK]: () => twilio.calls.create(SDK_PARAMS),
    [OURS]: () => ours.create(PARAMS),
    "calls-contract client (validation off)": () => unchecked.create(PARAMS),
    'calls-contract client, transport: "node"': () => overNode.create(PARAMS),
    "calls-contract client on Node's global fetch": () => onGlobalFetch.create(PARAMS),
    "plain global fetch, hand-built form": async () =>
      (await fetch(`${baseUrl}${PATH}`, { method: "POST", headers: HEADERS, body: FORM })).json(),
  });
  const results = summarize(rounds, FLOOR_UNDICI);
  const ofSdk = summarize(rounds, SDK);
  print(
    `\ncreateCall: sequential requests to one local HTTP server (its own process), ${ROUNDS} interleaved rounds of ${SECONDS} s, medians (ratios: median of the rounds' ratios); CPU is this process's per request`,
  );
  print(
    `  ${"".padEnd(48)} ${"req/s".padStart(7)} ${"of floor".padStart(9)} ${"of SDK".padStart(7)} ${"CPU µs".padStart(8)} ${"of floor".padStart(9)}`,
  );
  for (const [name, r] of Object.entries(results)) {
    print(
      `  ${name.padEnd(48)} ${fmt(r.perSecond).padStart(7)} ${`${r.perSecondRatio.toFixed(2)}x`.padStart(9)} ${`${ofSdk[name]!.perSecondRatio.toFixed(2)}x`.padStart(7)} ${fmt(r.cpuUs).padStart(8)} ${`${r.cpuRatio.toFixed(2)}x`.padStart(9)}`,
    );
  }
  const ourCpu = results[OURS]!.cpuRatio;
  const ourRate = results[OURS]!.perSecondRatio;
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  print(
    `  goals, against the undici floor: CPU per request at most 1.20x: ${ourCpu.toFixed(2)}x, ${verdict(ourCpu <= 1.2)}; req/s at least 0.90x: ${ourRate.toFixed(2)}x, ${verdict(ourRate >= 0.9)}`,
  );
  const before = await clientBeforeTypedErrors();
  if (before) await typedErrorsCost(baseUrl, before);
  else print("\ntyped errors: no comparison, the git history of src/client is not here (a shallow clone?)");
  return results;
}

/** One request of a pair: a create, and what a user does with its error, if any. */
type Attempt = () => Promise<unknown>;

/**
 * createCall with typed errors against the client before them, in pairs that take turns round by round (twice the
 * rounds of the table above, for a steadier median): created (201), and refused (400) with the error narrowed as a
 * user narrows it, ours by `isTwilioError(error, "createCall")`, the client before them by `instanceof`.
 */
async function typedErrorsCost(echoUrl: string, before: { ref: string; client: ClientModule }): Promise<void> {
  const refusing = await startRefusingServer();
  try {
    const clients = (baseUrl: string) => {
      const options = { accountSid: ACCOUNT, authToken: TOKEN, baseUrl };
      return { ours: createCallsClient(options), older: before.client.createCallsClient(options) };
    };
    const created = clients(echoUrl);
    const refused = clients(refusing.baseUrl);
    const narrowed = (create: Attempt, isNarrowed: (error: unknown) => boolean) => async () => {
      const error = await create().then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!isNarrowed(error)) throw new Error("the refusing server's 400 was not narrowed");
    };
    const pairs: Record<string, Record<string, Attempt>> = {
      "created (201)": {
        [OURS]: () => created.ours.create(PARAMS),
        [BEFORE]: () => created.older.create(PARAMS),
      },
      "refused (400, code 21201), the error narrowed": {
        [OURS]: narrowed(
          () => refused.ours.create(PARAMS),
          (e) => isTwilioError(e, "createCall") && e.code === 21201,
        ),
        [BEFORE]: narrowed(
          () => refused.older.create(PARAMS),
          (e) => e instanceof before.client.TwilioApiError,
        ),
      },
    };
    print(
      `\ncreateCall with typed errors against the client before them (${before.ref}), in pairs: ${ROUNDS * 2} interleaved rounds of ${SECONDS} s, this process's CPU per request`,
    );
    print(`  ${"".padEnd(48)} ${"typed µs".padStart(9)} ${"before µs".padStart(10)} ${"ratio".padStart(8)}`);
    const ratios: number[] = [];
    for (const [what, pair] of Object.entries(pairs)) {
      const results = summarize(await interleaved(pair, ROUNDS * 2), BEFORE);
      const ratio = results[OURS]!.cpuRatio;
      ratios.push(ratio);
      print(
        `  ${what.padEnd(48)} ${fmt(results[OURS]!.cpuUs).padStart(9)} ${fmt(results[BEFORE]!.cpuUs).padStart(10)} ${`${ratio.toFixed(3)}x`.padStart(8)}`,
      );
    }
    const worst = Math.max(...ratios);
    print(
      `  goal: CPU per request at most ${TYPED_ERRORS_GOAL.toFixed(2)}x of the client before them: ${worst.toFixed(3)}x at most, ${worst <= TYPED_ERRORS_GOAL ? "met" : "NOT met"}`,
    );
  } finally {
    refusing.stop();
  }
}

// Each probe prints the milliseconds from just before its import to the end of its first create, then exits
// (keep-alive sockets would otherwise hold the process open).
const firstCallProbes = (baseUrl: string): Record<string, string[]> => ({
  "require('twilio') + first calls.create": [
    "-e",
    `const t = performance.now();
     const client = require("twilio")(${JSON.stringify(ACCOUNT)}, ${JSON.stringify(TOKEN)});
     client.api.baseUrl = ${JSON.stringify(baseUrl)};
     client.calls.create(${JSON.stringify(SDK_PARAMS)}).then(() => { console.log(performance.now() - t); process.exit(0); });`,
  ],
  "import('calls-contract/client') + first create": [
    "--input-type=module",
    "-e",
    `const t = performance.now();
     const { createCallsClient } = await import("calls-contract/client");
     const calls = createCallsClient({ accountSid: ${JSON.stringify(ACCOUNT)}, authToken: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(baseUrl)} });
     await calls.create(${JSON.stringify(PARAMS)});
     console.log(performance.now() - t);
     process.exit(0);`,
  ],
});

/** Import and first create in fresh node processes, interleaved, against the same local server. */
export function firstCall(baseUrl: string): Record<string, number> {
  const runs = quick ? 3 : 9;
  const probes = firstCallProbes(baseUrl);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of Object.entries(probes))
      times[name]!.push(Number(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim()));
  }
  const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const sdk = medians["require('twilio') + first calls.create"]!;
  print(`\nFirst call in a fresh node process: import, then one createCall to the same server, median of ${runs} runs`);
  for (const [name, ms] of Object.entries(medians))
    print(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / sdk).toFixed(2)}x of the SDK's`);
  return medians;
}
