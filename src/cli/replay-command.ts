// `calls-contract verify --har FILE`: recorded traffic judged offline by today's spec, with its coverage.
import { HarReadError } from "../har/reader.js";
import { terminalSafe } from "../safe-text.js";
import { credentialForms, secretScrubber } from "../secrets.js";
import { renderCoverage } from "../verify/coverage.js";
import { replayHar } from "../verify/replay.js";
import { coverageVerdict } from "./coverage-verdict.js";
import { parsePercent, UsageError } from "./flags.js";
import { printResult, writeReports } from "./results.js";

export interface ReplayFlags {
  har?: string;
  junit?: string;
  json?: string;
  strict?: boolean;
  "min-coverage"?: string;
  "base-url"?: string;
  "allow-writes"?: boolean;
  timeout?: string;
}

/** The auth token of the environment in every form, for a last scrub of what a HAR from another tool may hold. */
export function environmentScrubber(): (text: string) => string {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = process.env;
  return secretScrubber(token ? credentialForms(sid ?? "", token) : []);
}

export async function runReplayCommand(flags: ReplayFlags): Promise<number> {
  const path = flags.har ?? "";
  for (const flag of ["base-url", "allow-writes", "timeout"] as const) {
    if (flags[flag] !== undefined)
      throw new UsageError(`--${flag} does not go with --har: a replay reads the file and sends nothing`);
  }
  const minCoverage = parsePercent("--min-coverage", flags["min-coverage"]);
  const scrub = environmentScrubber();
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const started = performance.now();
  err(`replaying ${path} against the Calls spec\n`);
  const result = await replayHar(path).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof HarReadError || error.code === "ENOENT")
      throw new UsageError(`--har ${path}: ${error.message}`);
    throw error;
  });
  if (result.truncated) err(`warning: ${result.truncated}\n`);
  return reportRecording(result, flags, {
    out,
    scrub,
    seconds: (performance.now() - started) / 1000,
    minCoverage,
    origin: { har: path, exchanges: result.exchanges },
  });
}

export interface RecordingReport {
  out: (text: string) => void;
  scrub: (text: string) => string;
  seconds: number;
  minCoverage: number | undefined;
  origin: Record<string, unknown>;
  suite?: string;
}

/**
 * A judged recording as `verify --har` and the proxy (on exit) both give it: the table, the failures, the coverage
 * against --min-coverage, the reports, the closing count, and the exit code.
 */
export async function reportRecording(
  result: Awaited<ReturnType<typeof replayHar>>,
  flags: { junit?: string; json?: string; strict?: boolean },
  report: RecordingReport,
): Promise<number> {
  const { out } = report;
  const { errors, warnings, passed } = printResult(result, out, flags.strict);
  out(`\n${renderCoverage(result.coverage)}\n`);
  const coverage = coverageVerdict(result.coverage, report.minCoverage);
  out(`${coverage.line}\n`);
  await writeReports(result, flags, {
    seconds: report.seconds,
    strict: flags.strict,
    origin: report.origin,
    extra: { coverage: result.coverage },
    ...(report.suite ? { suite: report.suite } : {}),
    scrub: report.scrub,
  });
  out(`\n${passed} passed, ${errors} failed, ${warnings} warned in ${result.exchanges} exchange(s)\n`);
  return errors > 0 || (flags.strict && warnings > 0) || !coverage.met ? 1 : 0;
}
