// What verify, verify --har and the proxy print at the end and write to their reports: the same table, failures,
// JUnit and JSON, whatever the outcomes came from. Every text passes through `scrub` on its way out; the reports
// are written as streams, a piece at a time, so that their size is no limit.
import { xmlSafe } from "../safe-text.js";
import type { ReportedOutcome } from "../verify/checks.js";
import { CHECKS } from "../verify/index.js";
import { jsonPieces } from "../verify/json-report.js";
import { junitPieces } from "../verify/junit.js";
import { asTallied, type CheckedResult, type TalliedResult, totals } from "../verify/ledger.js";
import { failureGroups, renderTable, renderUnlisted, splitFailures } from "../verify/report.js";
import { writeReportFile } from "./report-file.js";

export interface Printed {
  errors: number;
  warnings: number;
  passed: number;
}

/** Prints the failures of one severity, identical ones grouped, a group at a time. */
function printFailures(failures: ReportedOutcome[], head: string, out: (text: string) => void): void {
  out(`\n${head}:\n`);
  for (const group of failureGroups(failures)) out(`${group}\n`);
}

/**
 * Prints the table, the skipped requests by reason, every failure and warning listed, what was counted but not
 * listed, and the check catalogue.
 */
export function printResult(
  result: CheckedResult | TalliedResult,
  out: (text: string) => void,
  strict = false,
): Printed {
  const tallied = asTallied(result);
  const { passed, failed, warned } = totals(tallied.table);
  const { errors, warnings } = splitFailures(tallied.outcomes);
  out(`\n${renderTable(tallied)}\n`);
  const reasons = new Map<string, number>();
  for (const s of tallied.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) out(`\nskipped ${count} request(s): ${reason}\n`);
  if (failed > 0) printFailures(errors, `${failed} failed check(s)`, out);
  if (warned > 0) {
    const weight = strict ? "failing the run under --strict" : "not failing the run (--strict would)";
    printFailures(warnings, `${warned} warning(s), ${weight}`, out);
  }
  if (tallied.unlisted) out(`\n${renderUnlisted(tallied.unlisted)}\n`);
  if (failed + warned > 0) {
    const catalogue = Object.entries(CHECKS).map(([name, what]) => `\n  ${name}: ${what}`);
    out(`\nchecks: ${catalogue.join("")}\n`);
  }
  return { errors: failed, warnings: warned, passed };
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

function* mapped(pieces: Iterable<string>, change: (text: string) => string): Generator<string> {
  for (const piece of pieces) yield change(piece);
}

export async function writeReports(
  result: CheckedResult | TalliedResult,
  files: ReportFiles,
  options: ReportOptions,
): Promise<void> {
  const { seconds, strict, origin, extra, suite, scrub } = options;
  // Each piece is whole test cases or outcomes, so that a secret is never split between two of them.
  if (files.junit)
    await writeReportFile(
      files.junit,
      mapped(junitPieces(result, seconds, strict, suite), (t) => xmlSafe(scrub(t))),
    );
  if (files.json) await writeReportFile(files.json, mapped(jsonPieces(result, origin, extra), scrub));
}
