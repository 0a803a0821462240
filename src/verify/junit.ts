// verify's JUnit XML for CI systems: a suite per operation, a test case per request and check, and a skipped case
// per request not sent. It is written piece by piece (a test case at a time), never as one string, so that a
// report of any size can be written. Outcomes the listing limits left unlisted (ledger.ts) are one test case per
// operation, check and verdict, whose name says how many it stands for; the counts on the suites are every
// outcome's.
import { escapeXml } from "../safe-text.js";
import type { ReportedOutcome } from "./checks.js";
import { asTallied, type CheckedResult, type Skip, type TalliedResult, type Tally, totals } from "./ledger.js";
import { groupBy, renderFailure } from "./report.js";

type Attributes = Record<string, string | number>;

const attributesOf = (attributes: Attributes) =>
  Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");

/** An XML element: attributes escaped, children indented one level below it. */
function element(name: string, attributes: Attributes, children: string[] = []): string {
  const attrs = attributesOf(attributes);
  if (children.length === 0) return `<${name}${attrs}/>`;
  return [`<${name}${attrs}>`, ...indented(children, "  "), `</${name}>`].join("\n");
}

const indented = (texts: string[], prefix: string) =>
  texts.flatMap((text) => text.split("\n")).map((line) => `${prefix}${line}`);

function failureElement(o: ReportedOutcome): string {
  const attributes = `message="${escapeXml(`expected ${o.expected}, got ${o.actual}`)}" type="${escapeXml(o.check)}"`;
  return `<failure ${attributes}>${escapeXml(renderFailure(o))}</failure>`;
}

/** A warning's children when it does not fail its case: the severity, and why in system-out. */
const warningChildren = (text: string) => [
  element("properties", {}, [element("property", { name: "severity", value: "warning" })]),
  `<system-out>${escapeXml(text)}</system-out>`,
];

/** A warning fails its test case only under --strict; otherwise the case passes and says why in system-out. */
function caseChildren(o: ReportedOutcome, strict: boolean): string[] {
  if (o.passed) return [];
  if (o.severity === "error" || strict) return [failureElement(o)];
  return warningChildren(`warning: expected ${o.expected}, got ${o.actual}\n${renderFailure(o)}`);
}

/** The cases standing for one operation and check's outcomes that were counted but not listed. */
function unlistedCases(row: Tally, strict: boolean): string[] {
  const testcase = (n: number, verdict: string, children: string[] = []) =>
    element("testcase", { classname: row.operation, name: `[${row.check}] ${n} ${verdict}, not listed` }, children);
  const more = (n: number, what: string) => `${n} more ${what} of ${row.check}, past the listing limits`;
  const cases: string[] = [];
  if (row.passed > 0) cases.push(testcase(row.passed, "passed"));
  if (row.failed > 0) {
    const failure = element("failure", { message: more(row.failed, "failure(s)"), type: row.check });
    cases.push(testcase(row.failed, "failed", [failure]));
  }
  if (row.warned > 0) {
    const message = more(row.warned, "warning(s)");
    const children = strict ? [element("failure", { message, type: row.check })] : warningChildren(message);
    cases.push(testcase(row.warned, "warned", children));
  }
  return cases;
}

interface Suite {
  attributes: Attributes;
  cases: () => Iterable<string>;
}

/** One suite per operation: its listed outcomes, the cases for its unlisted ones, then its skipped requests. */
function suitesOf(result: TalliedResult, strict: boolean): Suite[] {
  const listed = groupBy(result.outcomes, (o) => o.operation);
  const skips = groupBy(result.skipped, (s) => s.operation);
  const table = groupBy(result.table, (row) => row.operation);
  const unlisted = groupBy(result.unlisted?.table ?? [], (row) => row.operation);
  const unlistedSkips = new Map((result.unlisted?.skipped ?? []).map((s) => [s.operation, s.count]));
  // An operation whose every request was skipped still gets its suite, so that CI shows what was not checked.
  const names = new Set([...listed.keys(), ...skips.keys(), ...unlisted.keys(), ...unlistedSkips.keys()]);
  return [...names].map((operation) => {
    const counted = totals(table.get(operation) ?? []);
    const skipped = (skips.get(operation) ?? []).length + (unlistedSkips.get(operation) ?? 0);
    const attributes = {
      name: operation,
      tests: counted.passed + counted.failed + counted.warned + skipped,
      failures: counted.failed + (strict ? counted.warned : 0),
      skipped,
    };
    const cases = function* () {
      for (const o of listed.get(operation) ?? [])
        yield element("testcase", { classname: operation, name: `[${o.check}] ${o.subject}` }, caseChildren(o, strict));
      for (const row of unlisted.get(operation) ?? []) yield* unlistedCases(row, strict);
      for (const s of skips.get(operation) ?? []) yield skippedCase(s);
      const notListed = unlistedSkips.get(operation);
      if (notListed) yield unlistedSkipsCase(operation, notListed, result.unlisted?.limits.skipped ?? 0);
    };
    return { attributes, cases };
  });
}

const skippedCase = (s: Skip) =>
  element("testcase", { classname: s.operation, name: s.subject }, [element("skipped", { message: s.reason })]);

const unlistedSkipsCase = (operation: string, n: number, most: number) =>
  element("testcase", { classname: operation, name: `${n} skipped request(s), not listed` }, [
    element("skipped", { message: `past the listing limits: the reports list ${most} skipped requests at most` }),
  ]);

/** JUnit XML, a piece at a time: one test case per request and check; warnings are failures only when `strict`. */
export function* junitPieces(
  result: CheckedResult | TalliedResult,
  seconds: number,
  strict = false,
  name = "calls-contract verify",
): Generator<string> {
  const tallied = asTallied(result);
  const sum = totals(tallied.table);
  const tests = sum.passed + sum.failed + sum.warned;
  const attributes = { name, tests, failures: sum.failed + (strict ? sum.warned : 0), time: seconds.toFixed(3) };
  const suites = suitesOf(tallied, strict);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (suites.length === 0) {
    yield `${element("testsuites", attributes)}\n`;
    return;
  }
  yield `<testsuites${attributesOf(attributes)}>\n`;
  for (const suite of suites) {
    yield `  <testsuite${attributesOf(suite.attributes)}>\n`;
    for (const testcase of suite.cases()) yield `${indented([testcase], "    ").join("\n")}\n`;
    yield "  </testsuite>\n";
  }
  yield "</testsuites>\n";
}

export function renderJunit(
  result: CheckedResult | TalliedResult,
  seconds: number,
  strict = false,
  name = "calls-contract verify",
): string {
  return [...junitPieces(result, seconds, strict, name)].join("");
}
