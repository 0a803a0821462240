// The proxy two ways: `calls-contract proxy` as a user runs it (a separate process, stopped with SIGINT like Ctrl-C,
// its output and exit code kept for the test to read), and startProxy in this process, recording to a HAR file in a
// temporary folder, for the cases that look at one exchange closely.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import type { HarEntry } from "../../src/har/types.js";
import { openHarWriter } from "../../src/har/writer.js";
import { type ProxyOptions, startProxy } from "../../src/proxy/index.js";
import { finished, startCli, waitForOutput } from "./cli.js";

export interface ProxyRun {
  baseUrl: string;
  /** Stops the proxy as Ctrl-C does and resolves once it has printed its reports and exited. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
  output(): { stdout: string; stderr: string };
}

export async function startProxyCli(args: string[], env: Record<string, string> = {}): Promise<ProxyRun> {
  const child = startCli(["proxy", "--port", "0", ...args], env);
  const exited = finished(child);
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const [, baseUrl] = await waitForOutput(child, /listening on (\S+),/);
  return {
    baseUrl: baseUrl!,
    async stop() {
      child.kill("SIGINT");
      const code = await exited;
      return { code, ...child.output() };
    },
    output: () => child.output(),
  };
}

export interface RecordingProxy {
  baseUrl: string;
  /** The lines the proxy logged (failed checks). */
  lines: string[];
  /** Stops the proxy and reads what it recorded. */
  entries(): Promise<HarEntry[]>;
}

/** startProxy on loopback, recording to a fresh HAR file; stopped and removed when the test ends. */
export async function startRecordingProxy(
  options: Omit<ProxyOptions, "host" | "port" | "writer" | "log">,
): Promise<RecordingProxy> {
  const dir = await mkdtemp(join(tmpdir(), "calls-contract-proxy-"));
  const path = join(dir, "traffic.har");
  const writer = await openHarWriter(path, { name: "test", version: "1" });
  const lines: string[] = [];
  const proxy = await startProxy({ ...options, host: "127.0.0.1", port: 0, writer, log: (line) => lines.push(line) });
  let closed = false;
  const close = async () => {
    if (!closed) await proxy.close();
    closed = true;
  };
  onTestFinished(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    baseUrl: proxy.baseUrl,
    lines,
    async entries() {
      await close();
      return JSON.parse(await readFile(path, "utf8")).log.entries;
    },
  };
}
