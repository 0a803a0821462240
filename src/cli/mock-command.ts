// `calls-contract mock`: the mock (static or --stateful) served on loopback until Ctrl-C or SIGTERM.
import { type MockOptions, startMock } from "../mock/index.js";
import { DEFAULT_MOCK_PORT, type MockFlags } from "./command-flags.js";
import { parseLoopbackHost, parseNumber, parsePort, UsageError } from "./flags.js";
import { onInterrupt } from "./signals.js";

/** Reads the mock's flags into options, refusing combinations that would be silently ignored. */
export function mockOptions(flags: MockFlags): MockOptions {
  const statefulOnly = (
    ["clock", "time-scale", "calls-per-second", "max-calls", "max-calls-per-account", "check-responses"] as const
  ).filter((flag) => flags[flag] !== undefined);
  if (!flags.stateful && statefulOnly.length > 0) {
    throw new UsageError(`--${statefulOnly[0]} applies to the stateful mock only; add --stateful`);
  }
  if (flags.stateful && (flags["prism-only"] || flags.dynamic)) {
    throw new UsageError(`--${flags["prism-only"] ? "prism-only" : "dynamic"} cannot be combined with --stateful`);
  }
  if (flags.clock !== undefined && flags.clock !== "real" && flags.clock !== "manual") {
    throw new UsageError(`--clock must be real or manual, got "${flags.clock}"`);
  }
  if (flags.clock === "manual" && flags["time-scale"] !== undefined) {
    throw new UsageError("--time-scale speeds up a real clock; it cannot be combined with --clock manual");
  }
  const options: MockOptions = {
    host: parseLoopbackHost("--host", flags.host),
    port: parsePort("--port", flags.port, DEFAULT_MOCK_PORT),
    ...(flags.dynamic ? { dynamic: true } : {}),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags["prism-only"] ? { prismOnly: true } : {}),
  };
  if (!flags.stateful) return options;
  const scale = flags["time-scale"];
  return {
    ...options,
    stateful: true,
    clock:
      flags.clock === "manual"
        ? "manual"
        : scale === undefined
          ? "real"
          : { timeScale: parseNumber("--time-scale", scale, 0.001, 100_000) },
    ...(flags["calls-per-second"] === undefined
      ? {}
      : { callsPerSecond: parseNumber("--calls-per-second", flags["calls-per-second"], 0.01, 10_000) }),
    ...(flags["max-calls"] === undefined ? {} : { maxCalls: parseCallBound("--max-calls", flags["max-calls"]) }),
    ...(flags["max-calls-per-account"] === undefined
      ? {}
      : { maxCallsPerAccount: parseCallBound("--max-calls-per-account", flags["max-calls-per-account"]) }),
    ...(flags["check-responses"] ? { checkResponses: true } : {}),
  };
}

/** Reads a bound on kept calls: a whole number of at least 1, as the store requires. */
function parseCallBound(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`${flag} must be a whole number of calls of at least 1, got "${text}"`);
  }
  return Number(text);
}

/** Serves the mock until SIGINT or SIGTERM, or (with --prism-only) until Prism dies: exit 1, with its last words. */
export async function runMockCommand(flags: MockFlags): Promise<number> {
  const mock = await startMock(mockOptions(flags));
  let stopping = false;
  const stopped = new Promise<"stopped">((resolve) => {
    onInterrupt(async () => {
      stopping = true;
      await mock.stop();
      resolve("stopped");
    }, 0);
  });
  process.stdout.write(`Calls API mock listening on ${mock.baseUrl}\n`);
  if (mock.adminUrl) {
    process.stdout.write(`Inspector: ${mock.baseUrl}/__mock/  Admin API: ${mock.adminUrl}\n`);
  }
  const ended = await Promise.race([stopped, ...(mock.exited ? [mock.exited] : [])]);
  if (ended === "stopped" || stopping) return 0;
  process.stderr.write(`calls-contract: the mock (Prism) exited unexpectedly (${ended}):\n${mock.logTail?.() ?? ""}\n`);
  return 1;
}
