// Renders verify results for people: a table of operation x check, every failure (identical ones grouped), and
// what the listing limits left unlisted. junit.ts and json-report.ts write the same results for CI systems and
// tools.
import type { ReportedOutcome } from "./checks.js";
import { asTallied, type CheckedResult, type TalliedResult, totals, type Unlisted } from "./ledger.js";

/** The failed checks that are errors, and those that are warnings. */
export function splitFailures(outcomes: ReportedOutcome[]): { errors: ReportedOutcome[]; warnings: ReportedOutcome[] } {
  const failed = outcomes.filter((o) => !o.passed);
  return {
    errors: failed.filter((o) => o.severity === "error"),
    warnings: failed.filter((o) => o.severity === "warning"),
  };
}

export function renderTable(result: CheckedResult | TalliedResult): string {
  const rows = asTallied(result).table;
  const header = ["operation", "check", "passed", "failed", "warned"];
  const cells = rows.map((r) => [r.operation, r.check, String(r.passed), String(r.failed), String(r.warned)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

const mark = (o: ReportedOutcome) => (o.severity === "warning" ? "!" : "✗");

/** One failure in full: the check, the request, what was expected and what came back, and each violation. */
export function renderFailure(o: ReportedOutcome): string {
  const head = [
    `${mark(o)} [${o.check}] ${o.operation} ${o.subject}`,
    `    request:  ${o.request}`,
    `    expected: ${o.expected}`,
    `    got:      ${o.actual}`,
  ].join("\n");
  return o.details.length > 0 ? `${head}\n${o.details.map((d) => `      - ${d}`).join("\n")}` : head;
}

/** The items by key, in the order each key first appears; each group in the items' order. */
export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function renderGroup(group: ReportedOutcome[]): string {
  const [first] = group as [ReportedOutcome, ...ReportedOutcome[]];
  if (group.length === 1) return renderFailure(first);
  const sameExpected = group.every((o) => o.expected === first.expected);
  const what =
    first.details.length > 0
      ? `the same ${plural(first.details.length, "violation")} in ${group.length} responses`
      : `the same response to ${group.length} requests`;
  const head = [`${mark(first)} [${first.check}] ${what}`];
  if (sameExpected) head.push(`    expected: ${first.expected}`);
  head.push(`    got:      ${first.actual}`);
  const details = first.details.map((d) => `      - ${d}`);
  const requests = group.map(
    (o) => `      ${o.operation} ${o.subject} (${o.request})${sameExpected ? "" : `: expected ${o.expected}`}`,
  );
  return [...head, ...details, "    in response to:", ...requests].join("\n");
}

/**
 * Every failure, identical ones once, one group at a time: failures of one check that got the same response with
 * the same violations are shown as one group ("the same 6 violations in 42 responses"), then the requests they came
 * from.
 */
export function* failureGroups(failures: ReportedOutcome[]): Generator<string> {
  const groups = groupBy(failures, (o) => [o.check, o.actual, ...o.details].join("\u0000"));
  for (const group of groups.values()) yield renderGroup(group);
}

export function renderFailures(failures: ReportedOutcome[]): string {
  return [...failureGroups(failures)].join("\n");
}

/** What the listing limits left out, in words: what is counted but not listed, and why. */
export function renderUnlisted(unlisted: Unlisted): string {
  const { limits } = unlisted;
  const { passed, failed, warned } = totals(unlisted.table);
  const skipped = unlisted.skipped.reduce((sum, s) => sum + s.count, 0);
  const lines = [
    `not listed one by one: ${passed} passed, ${failed} failed and ${warned} warned check(s), counted in the table.`,
    `The reports list every outcome while they fit in ${limits.outcomes} outcomes and ${limits.characters} ` +
      "characters of text, then failures and warnings only, while those fit.",
  ];
  if (failed + warned > 0)
    lines.push("Fix the failures and warnings listed and judge the traffic again to see the ones not listed.");
  if (skipped > 0)
    lines.push(`${skipped} skipped request(s) are counted, not listed: the reports list ${limits.skipped} at most.`);
  return lines.join("\n");
}
