// A judged recording as `verify --har` and the proxy (on exit) both give it: the table, the failures, the coverage
// against --min-coverage, the reports, the closing count, and the exit code.
import { renderCoverage } from "../verify/coverage.js";
import type { ReplayResult } from "../verify/replay.js";
import { coverageVerdict } from "./coverage-verdict.js";
import { printResult, writeReports } from "./results.js";

export interface RecordingReport {
  out: (text: string) => void;
  scrub: (text: string) => string;
  seconds: number;
  minCoverage: number | undefined;
  origin: Record<string, unknown>;
  suite?: string;
}

export async function reportRecording(
  result: ReplayResult,
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
