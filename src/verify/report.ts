// Renders verify results: a table of operation x check for people, JUnit XML for CI systems, JSON for tools.
import { escapeXml } from "../safe-text.js";
import { operations, webhooks } from "../validation/index.js";
import { CHECKS, type CheckOutcome } from "./checks.js";
import type { VerifyResult } from "./index.js";

const OPERATION_ORDER = [...Object.keys(operations), ...Object.keys(webhooks)];
const CHECK_ORDER = Object.keys(CHECKS);

interface Tally {
  operation: string;
  check: string;
  passed: number;
  /** Failed checks of error severity. */
  failed: number;
  /** Failed checks of warning severity. */
  warned: number;
}

/** The failed checks that are errors, and those that are warnings. */
export function splitFailures(outcomes: CheckOutcome[]): { errors: CheckOutcome[]; warnings: CheckOutcome[] } {
  const failed = outcomes.filter((o) => !o.passed);
  return {
    errors: failed.filter((o) => o.severity === "error"),
    warnings: failed.filter((o) => o.severity === "warning"),
  };
}

export function tally(outcomes: CheckOutcome[]): Tally[] {
  const rows = new Map<string, Tally>();
  for (const o of outcomes) {
    const key = `${o.operation}\u0000${o.check}`;
    const row = rows.get(key) ?? { operation: o.operation, check: o.check, passed: 0, failed: 0, warned: 0 };
    if (o.passed) row.passed += 1;
    else if (o.severity === "warning") row.warned += 1;
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
  const header = ["operation", "check", "passed", "failed", "warned"];
  const cells = rows.map((r) => [r.operation, r.check, String(r.passed), String(r.failed), String(r.warned)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

const mark = (o: CheckOutcome) => (o.severity === "warning" ? "!" : "✗");

/** One failure in full: the check, the request, what was expected and what came back, and each violation. */
export function renderFailure(o: CheckOutcome): string {
  const head = [
    `${mark(o)} [${o.check}] ${o.operation} ${o.subject}`,
    `    request:  ${o.request}`,
    `    expected: ${o.expected}`,
    `    got:      ${o.actual}`,
  ].join("\n");
  return o.details.length > 0 ? `${head}\n${o.details.map((d) => `      - ${d}`).join("\n")}` : head;
}

/** The items by key, in the order each key first appears; each group in the items' order. */
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Every failure, identical ones once: failures of one check that got the same answer with the same violations
 * are shown as one group ("the same 6 violations in 42 responses"), then the requests they came from.
 */
export function renderFailures(failures: CheckOutcome[]): string {
  const groups = groupBy(failures, (o) => [o.check, o.actual, ...o.details].join("\u0000"));
  return [...groups.values()]
    .map((group) => {
      const [first] = group as [CheckOutcome, ...CheckOutcome[]];
      if (group.length === 1) return renderFailure(first);
      const sameExpected = group.every((o) => o.expected === first.expected);
      const what =
        first.details.length > 0
          ? `the same ${plural(first.details.length, "violation")} in ${group.length} responses`
          : `the same answer to ${group.length} requests`;
      const head = [`${mark(first)} [${first.check}] ${what}`];
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

/** An XML element: attributes escaped, children indented one level below it. */
function element(name: string, attributes: Record<string, string | number>, children: string[] = []): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  if (children.length === 0) return `<${name}${attrs}/>`;
  const inner = children.flatMap((child) => child.split("\n")).map((line) => `  ${line}`);
  return [`<${name}${attrs}>`, ...inner, `</${name}>`].join("\n");
}

function failureElement(o: CheckOutcome): string {
  const attributes = `message="${escapeXml(`expected ${o.expected}, got ${o.actual}`)}" type="${escapeXml(o.check)}"`;
  return `<failure ${attributes}>${escapeXml(renderFailure(o))}</failure>`;
}

/** A warning fails its test case only under --strict; otherwise the case passes and says why in system-out. */
function caseChildren(o: CheckOutcome, strict: boolean): string[] {
  if (o.passed) return [];
  if (o.severity === "error" || strict) return [failureElement(o)];
  const text = escapeXml(`warning: expected ${o.expected}, got ${o.actual}\n${renderFailure(o)}`);
  return [
    element("properties", {}, [element("property", { name: "severity", value: "warning" })]),
    `<system-out>${text}</system-out>`,
  ];
}

/** JUnit XML: one test case per request and check; warnings are failures only when `strict`. */
export function renderJunit(
  result: VerifyResult,
  seconds: number,
  strict = false,
  name = "calls-contract verify",
): string {
  const counts = (outcomes: CheckOutcome[]) => {
    const { errors, warnings } = splitFailures(outcomes);
    return errors.length + (strict ? warnings.length : 0);
  };
  const byOperation = groupBy(result.outcomes, (o) => o.operation);
  const skippedByOperation = groupBy(result.skipped, (s) => s.operation);
  // An operation whose every request was skipped still gets its suite, so that CI shows what was not checked.
  for (const operation of skippedByOperation.keys()) if (!byOperation.has(operation)) byOperation.set(operation, []);
  const suites = [...byOperation].map(([operation, outcomes]) => {
    const cases = outcomes.map((o) =>
      element("testcase", { classname: operation, name: `[${o.check}] ${o.subject}` }, caseChildren(o, strict)),
    );
    const skips = (skippedByOperation.get(operation) ?? []).map((s) =>
      element("testcase", { classname: operation, name: s.subject }, [element("skipped", { message: s.reason })]),
    );
    const attributes = {
      name: operation,
      tests: outcomes.length + skips.length,
      failures: counts(outcomes),
      skipped: skips.length,
    };
    return element("testsuite", attributes, [...cases, ...skips]);
  });
  const totals = {
    name,
    tests: result.outcomes.length,
    failures: counts(result.outcomes),
    time: seconds.toFixed(3),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element("testsuites", totals, suites)}\n`;
}

/** The JSON report; `origin` says what was checked (`{ baseUrl }` for a server, the HAR file for a replay). */
export function renderJson(result: VerifyResult, origin: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { errors, warnings } = splitFailures(result.outcomes);
  const report = {
    ...origin,
    passed: result.outcomes.length - errors.length - warnings.length,
    failed: errors.length,
    warnings: warnings.length,
    table: tally(result.outcomes),
    outcomes: result.outcomes,
    skipped: result.skipped,
    ...extra,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
