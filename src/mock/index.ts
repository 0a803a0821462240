import { fileURLToPath } from "node:url";
import { httpBaseUrl } from "../loopback.js";
import { startFront } from "./front.js";
import { claimPort, MockStartError } from "./ports.js";
import { startPrism } from "./prism.js";

export { MockStartError };

/** The spec document Prism serves, shipped in the package. */
export const MOCK_SPEC_PATH = fileURLToPath(new URL("../../generated/calls.bundled.json", import.meta.url));

export interface MockOptions {
  /** Loopback address to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Generate response data from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** Seed for dynamic data, so that runs repeat. */
  seed?: string;
  /**
   * Serve Prism alone, without the project's front layer (its strict request checks, Twilio-shaped errors and
   * test-number behaviour). For comparisons and for showing Prism's own gaps.
   */
  prismOnly?: boolean;
  /** Receives one line for each thing the mock declined or failed to do (callbacks). Defaults to stderr. */
  log?: (line: string) => void;
  /** Largest request body read before the mock answers 413. Defaults to 1 MiB. */
  maxBodyBytes?: number;
  /** Time a whole request may take before the mock answers 408 and closes the connection. Defaults to 30 s. */
  requestTimeoutMs?: number;
  /** Time a request's headers may take before the mock closes the connection. Defaults to 10 s. */
  headersTimeoutMs?: number;
}

export interface RunningMock {
  baseUrl: string;
  /** Prism itself, behind the front layer (the same as baseUrl with prismOnly). */
  prismUrl: string;
  /** The Prism child process. */
  pid: number;
  stop(): Promise<void>;
  /** Settles when Prism exits, with its exit code or signal. */
  exited: Promise<number | string>;
  /** The last lines Prism printed. */
  logTail(): string;
}

/** Starts the mock of the Calls API and resolves once it answers. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? "127.0.0.1";
  const port = await claimPort(host, options.port ?? 0);
  const prismPort = options.prismOnly ? port : await claimPort("127.0.0.1", 0);
  const prismHost = options.prismOnly ? host : "127.0.0.1";
  const prism = await startPrism({
    specPath: MOCK_SPEC_PATH,
    host: prismHost,
    port: prismPort,
    dynamic: options.dynamic,
    seed: options.seed,
  });
  if (options.prismOnly) return { ...prism, prismUrl: prism.baseUrl };

  const front = await startFront({
    host,
    port,
    upstream: { host: prismHost, port: prismPort },
    log: options.log ?? ((line) => process.stderr.write(`mock: ${line}\n`)),
    limits: {
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      ...(options.headersTimeoutMs === undefined ? {} : { headersTimeoutMs: options.headersTimeoutMs }),
    },
  }).catch(async (error: Error) => {
    await prism.stop();
    throw new MockStartError(`could not listen on ${host}:${port}: ${error.message}`);
  });
  const baseUrl = httpBaseUrl(host, front.port);
  return {
    baseUrl,
    prismUrl: prism.baseUrl,
    pid: prism.pid,
    exited: prism.exited,
    logTail: prism.logTail,
    async stop() {
      await front.close();
      await prism.stop();
    },
  };
}
