// Prism as a real child process on loopback. The child watches its stdin: when this process dies for any
// reason, even SIGKILL, the pipe closes and Prism exits with it, so no orphan is left behind.
import { type ChildProcess, spawn } from "node:child_process";
import { get } from "node:http";
import { createRequire } from "node:module";
import { httpBaseUrl } from "../loopback.js";
import { MockStartError } from "./ports.js";

const require = createRequire(import.meta.url);
const CHILD = [
  "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();",
  "const bin = process.argv[1]; process.argv = [process.argv[0], bin, ...process.argv.slice(2)]; require(bin);",
].join(" ");

export interface PrismOptions {
  specPath: string;
  host: string;
  port: number;
  dynamic?: boolean;
  seed?: string;
  startTimeoutMs?: number;
}

export interface PrismProcess {
  baseUrl: string;
  pid: number;
  /** The last lines Prism printed, for error messages. */
  logTail(): string;
  /** Settles with the exit code (or signal) when Prism exits, whether stopped or crashed. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

// node:http rather than fetch: fetch refuses some ports outright (22, 25, ...), which a user may still pick.
function responds(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${baseUrl}/__calls_contract_ready`, { timeout: 500 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startPrism(options: PrismOptions): Promise<PrismProcess> {
  // fillProperties false: the truth leaves the Call open to keys Twilio may add, but generated data must not invent them.
  const args = [
    "mock",
    options.specPath,
    ...["-h", options.host, "-p", String(options.port), "--errors", "-v", "warn"],
    "--json-schema-faker-fillProperties=false",
  ];
  if (options.dynamic) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  // Resolved here, not at import: Prism is an optional peer dependency (see prism-peer.ts).
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const child = spawn(process.execPath, ["-e", CHILD, prismBin, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const baseUrl = httpBaseUrl(options.host, options.port);
  const logTail = () => lines.join("\n");
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 3000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 3000);
    }
  };

  // Prism's CLI loads its whole tree before it listens: on a loaded 2-core runner that has taken more than 20 s.
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await responds(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      process.removeListener("exit", killOnExit);
      throw new MockStartError(
        `Prism exited (${child.exitCode ?? child.signalCode}) before it responded:\n${logTail()}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new MockStartError(
        `Prism did not respond on ${baseUrl} within ${options.startTimeoutMs ?? 60_000} ms:\n${logTail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { baseUrl, pid: child.pid!, logTail, stop, exited };
}
