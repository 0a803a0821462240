// Renders verify results: a table of operation x check for people, JUnit XML for CI systems, JSON for tools.
import { operations } from "../validation/index.js";
import { CHECKS, type CheckOutcome } from "./checks.js";
import type { VerifyResult } from "./index.js";

const OPERATION_ORDER = Object.keys(operations);
const CHECK_ORDER = Object.keys(CHECKS);

interface Tally {
  operation: string;
  check: string;
  passed: number;
  failed: number;
}

export function tally(outcomes: CheckOutcome[]): Tally[] {
  const rows = new Map<string, Tally>();
  for (const o of outcomes) {
    const key = `${o.operation}\u0000${o.check}`;
    const row = rows.get(key) ?? { operation: o.operation, check: o.check, passed: 0, failed: 0 };
    if (o.passed) row.passed += 1;
    else row.failed += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      OPERATION_ORDER.indexOf(a.operation) - OPERATION_ORDER.indexOf(b.operation) ||
      CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check),
  );
}

export function renderTable(outcomes: CheckOutcome[]): string {
  const rows = tally(outcomes);
  const header = ["operation", "check", "passed", "failed"];
  const cells = rows.map((r) => [r.operation, r.check, String(r.passed), String(r.failed)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** One failure in full: the check, the request, what was expected and what came back, and each violation. */
export function renderFailure(o: CheckOutcome): string {
  const head = `✗ [${o.check}] ${o.operation} ${o.subject}\n    request:  ${o.request}\n    expected: ${o.expected}\n    got:      ${o.actual}`;
  return o.details.length > 0 ? `${head}\n${o.details.map((d) => `      - ${d}`).join("\n")}` : head;
}

/**
 * Every failure, identical ones once: failures of one check that got the same answer with the same violations
 * are shown as one group ("the same 6 violations in 42 responses"), then the requests they came from.
 */
export function renderFailures(failures: CheckOutcome[]): string {
  const groups = new Map<string, CheckOutcome[]>();
  for (const o of failures) {
    const key = [o.check, o.actual, ...o.details].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()]
    .map((group) => {
      const [first] = group as [CheckOutcome, ...CheckOutcome[]];
      if (group.length === 1) return renderFailure(first);
      const sameExpected = group.every((o) => o.expected === first.expected);
      const what =
        first.details.length > 0
          ? `the same ${first.details.length} violation${first.details.length > 1 ? "s" : ""} in ${group.length} responses`
          : `the same answer to ${group.length} requests`;
      const head = [`✗ [${first.check}] ${what}`];
      if (sameExpected) head.push(`    expected: ${first.expected}`);
      head.push(`    got:      ${first.actual}`);
      const details = first.details.map((d) => `      - ${d}`);
      const requests = group.map(
        (o) => `      ${o.operation} ${o.subject} (${o.request})${sameExpected ? "" : `: expected ${o.expected}`}`,
      );
      return [...head, ...details, "    in answer to:", ...requests].join("\n");
    })
    .join("\n");
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

export function renderJunit(result: VerifyResult, seconds: number): string {
  const byOperation = new Map<string, CheckOutcome[]>();
  for (const o of result.outcomes) byOperation.set(o.operation, [...(byOperation.get(o.operation) ?? []), o]);
  const suites = [...byOperation].map(([operation, outcomes]) => {
    const failures = outcomes.filter((o) => !o.passed).length;
    const cases = outcomes.map((o) => {
      const name = escapeXml(`[${o.check}] ${o.subject}`);
      if (o.passed) return `    <testcase classname="${escapeXml(operation)}" name="${name}"/>`;
      const message = escapeXml(`expected ${o.expected}, got ${o.actual}`);
      const body = escapeXml(renderFailure(o));
      return `    <testcase classname="${escapeXml(operation)}" name="${name}">\n      <failure message="${message}" type="${o.check}">${body}</failure>\n    </testcase>`;
    });
    const skipped = result.skipped.filter((s) => s.operation === operation);
    const skips = skipped.map(
      (s) =>
        `    <testcase classname="${escapeXml(operation)}" name="${escapeXml(s.subject)}">\n      <skipped message="${escapeXml(s.reason)}"/>\n    </testcase>`,
    );
    return `  <testsuite name="${escapeXml(operation)}" tests="${outcomes.length + skips.length}" failures="${failures}" skipped="${skips.length}">\n${[...cases, ...skips].join("\n")}\n  </testsuite>`;
  });
  const total = result.outcomes.length;
  const failed = result.outcomes.filter((o) => !o.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="calls-contract verify" tests="${total}" failures="${failed}" time="${seconds.toFixed(3)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export function renderJson(result: VerifyResult, baseUrl: string): string {
  const failed = result.outcomes.filter((o) => !o.passed).length;
  return `${JSON.stringify({ baseUrl, passed: result.outcomes.length - failed, failed, table: tally(result.outcomes), outcomes: result.outcomes, skipped: result.skipped }, null, 2)}\n`;
}
