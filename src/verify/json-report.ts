// verify's JSON report for tools: where the outcomes came from, the counts, the table, every listed outcome and
// skipped request, and (when the listing limits left some out) what was counted but not listed. It is written
// piece by piece (an outcome at a time), never as one string, and reads exactly as JSON.stringify(report, null, 2)
// would write it.
import { asTallied, type CheckedResult, type TalliedResult, totals, type Unlisted } from "./ledger.js";
import { renderUnlisted } from "./report.js";

/** The `unlisted` key: what the listing limits left out, counted, with the limits and the note people read. */
function unlistedSummary(unlisted: Unlisted) {
  const { passed, failed, warned } = totals(unlisted.table);
  return {
    note: renderUnlisted(unlisted).replaceAll("\n", " "),
    passed,
    failed,
    warnings: warned,
    skipped: unlisted.skipped.reduce((sum, s) => sum + s.count, 0),
    limits: unlisted.limits,
    table: unlisted.table,
  };
}

/** A value as it sits `depth` levels down in an indented document. */
const nested = (text: string, depth: number) => text.replaceAll("\n", `\n${"  ".repeat(depth)}`);

function* listPieces(items: unknown[]): Generator<string> {
  if (items.length === 0) {
    yield "[]";
    return;
  }
  for (let i = 0; i < items.length; i++)
    yield `${i === 0 ? "[\n" : ",\n"}    ${nested(JSON.stringify(items[i], null, 2) ?? "null", 2)}`;
  yield "\n  ]";
}

/** The JSON report, a piece at a time; `origin` says what was checked (`{ baseUrl }`, the HAR file for a replay). */
export function* jsonPieces(
  result: CheckedResult | TalliedResult,
  origin: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Generator<string> {
  const tallied = asTallied(result);
  const { passed, failed, warned } = totals(tallied.table);
  const report: Record<string, unknown> = {
    ...origin,
    passed,
    failed,
    warnings: warned,
    table: tallied.table,
    outcomes: tallied.outcomes,
    skipped: tallied.skipped,
    ...(tallied.unlisted ? { unlisted: unlistedSummary(tallied.unlisted) } : {}),
    ...extra,
  };
  const lists = new Set<unknown>([tallied.outcomes, tallied.skipped]);
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    const text = lists.has(value) ? undefined : JSON.stringify(value, null, 2);
    if (text === undefined && !lists.has(value)) continue;
    yield `${first ? "{\n" : ",\n"}  ${JSON.stringify(key)}: `;
    first = false;
    if (text === undefined) yield* listPieces(value as unknown[]);
    else yield nested(text, 1);
  }
  yield first ? "{}\n" : "\n}\n";
}

export function renderJson(
  result: CheckedResult | TalliedResult,
  origin: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  return [...jsonPieces(result, origin, extra)].join("");
}
