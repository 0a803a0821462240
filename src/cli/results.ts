// What verify, verify --har and the proxy print at the end and write to their reports: the same table, failures,
// JUnit and JSON, whatever the outcomes came from. Every text passes through `scrub` on its way out.
import { xmlSafe } from "../safe-text.js";
import { CHECKS, type VerifyResult } from "../verify/index.js";
import { renderFailures, renderJson, renderJunit, renderTable, splitFailures } from "../verify/report.js";
import { writeReportFile } from "./report-file.js";

export interface Printed {
  errors: number;
  warnings: number;
  passed: number;
}

/** Prints the table, the skipped requests by reason, every failure and warning, and the check catalogue. */
export function printResult(result: VerifyResult, out: (text: string) => void, strict = false): Printed {
  const { errors, warnings } = splitFailures(result.outcomes);
  out(`\n${renderTable(result.outcomes)}\n`);
  const reasons = new Map<string, number>();
  for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) out(`\nskipped ${count} request(s): ${reason}\n`);
  if (errors.length > 0) out(`\n${errors.length} failed check(s):\n${renderFailures(errors)}\n`);
  if (warnings.length > 0) {
    const weight = strict ? "failing the run under --strict" : "not failing the run (--strict would)";
    out(`\n${warnings.length} warning(s), ${weight}:\n${renderFailures(warnings)}\n`);
  }
  if (errors.length + warnings.length > 0) {
    const catalogue = Object.entries(CHECKS).map(([name, what]) => `\n  ${name}: ${what}`);
    out(`\nchecks: ${catalogue.join("")}\n`);
  }
  return {
    errors: errors.length,
    warnings: warnings.length,
    passed: result.outcomes.length - errors.length - warnings.length,
  };
}

export interface ReportFiles {
  junit?: string;
  json?: string;
}

export interface ReportOptions {
  seconds: number;
  strict?: boolean;
  /** What was checked: `{ baseUrl }`, `{ har }`, `{ target }`. */
  origin: Record<string, unknown>;
  /** More top-level keys for the JSON report (coverage). */
  extra?: Record<string, unknown>;
  /** The JUnit document's name. */
  suite?: string;
  scrub: (text: string) => string;
}

export async function writeReports(result: VerifyResult, files: ReportFiles, options: ReportOptions): Promise<void> {
  const { seconds, strict, origin, extra, suite, scrub } = options;
  if (files.junit) await writeReportFile(files.junit, xmlSafe(scrub(renderJunit(result, seconds, strict, suite))));
  if (files.json) await writeReportFile(files.json, scrub(renderJson(result, origin, extra)));
}
