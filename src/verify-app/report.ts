// What verify-app prints and writes: verify's table, failure groups, JUnit and JSON (src/verify/report.ts), which
// take any catalogue's outcomes, with verify-app's own catalogue of checks under the failures.
import { renderFailures, renderTable, splitFailures } from "../verify/report.js";
import { APP_CHECKS } from "./checks.js";
import type { VerifyAppResult } from "./index.js";

export interface AppReport {
  text: string;
  errors: number;
  warnings: number;
  passed: number;
}

/** The table, the requests not sent by reason, every failure and warning, and the catalogue when something failed. */
export function renderAppReport(result: VerifyAppResult, strict = false): AppReport {
  const { outcomes, skipped } = result;
  const { errors, warnings } = splitFailures(outcomes);
  // verify's table orders rows by its own catalogue, where these checks are not: give them in this catalogue's order.
  const order = Object.keys(APP_CHECKS);
  const byCheck = [...outcomes].sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
  const parts = [`\n${renderTable({ outcomes: byCheck, skipped })}\n`];
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [reason, count] of reasons) parts.push(`\nskipped ${count} request(s): ${reason}\n`);
  if (errors.length > 0) parts.push(`\n${errors.length} failed check(s):\n${renderFailures(errors)}\n`);
  if (warnings.length > 0) {
    const weight = strict ? "failing the run under --strict" : "not failing the run (--strict would)";
    parts.push(`\n${warnings.length} warning(s), ${weight}:\n${renderFailures(warnings)}\n`);
  }
  if (errors.length + warnings.length > 0) {
    const catalogue = Object.entries(APP_CHECKS).map(([name, what]) => `\n  ${name}: ${what}`);
    parts.push(`\nchecks: ${catalogue.join("")}\n`);
  }
  return {
    text: parts.join(""),
    errors: errors.length,
    warnings: warnings.length,
    passed: outcomes.length - errors.length - warnings.length,
  };
}
