// A run's outcomes as its summary and reports need them: every outcome counted per operation and check (the table,
// exact whatever the run's size), and listed one by one only up to bounds (LISTING_LIMITS), so that judging a
// recording of any size (800,000 exchanges, 4.8 million outcomes) holds memory for the bounds, not for the
// traffic. While every outcome fits, every one is listed, as a live `verify` run always lists them; once they no
// longer fit, the passed ones are dropped from the list and counted only, and failures and warnings go on being
// listed while they fit. What is counted but not listed is kept per operation and check, for the reports to say.
import { operations, webhooks } from "../validation/index.js";
import { CHECKS, type ReportedOutcome } from "./checks.js";

export interface Skip {
  operation: string;
  subject: string;
  reason: string;
}

/** What every run gives the reports: its outcomes and the requests it did not send. */
export interface CheckedResult {
  outcomes: ReportedOutcome[];
  skipped: Skip[];
}

/** One row of the table: an operation (or webhook) and a check, with how its outcomes came out. */
export interface Tally {
  operation: string;
  check: string;
  passed: number;
  /** Failed checks of error severity. */
  failed: number;
  /** Failed checks of warning severity. */
  warned: number;
}

export interface ListingLimits {
  /** Outcomes listed one by one: every one while they fit, then failures and warnings only. */
  outcomes: number;
  /** Requests listed as skipped, with why. */
  skipped: number;
  /** Characters of text the listed outcomes and skipped requests may hold together (their details, mostly). */
  characters: number;
}

/**
 * What `verify --har` and the proxy's exit report list one by one: 100,000 outcomes (a live run gives a few
 * thousand), 10,000 skipped requests, and 32 Mi characters of their text in all, so that even failures with long
 * details keep a run under 500 MB.
 */
export const LISTING_LIMITS: ListingLimits = { outcomes: 100_000, skipped: 10_000, characters: 32 * 1024 * 1024 };

/** No bound: a live run's outcomes, which its corpus bounds, are all listed. */
export const LIST_EVERYTHING: ListingLimits = { outcomes: Infinity, skipped: Infinity, characters: Infinity };

/** What was counted but not listed. */
export interface Unlisted {
  limits: ListingLimits;
  /** Per operation and check, the outcomes counted in the table but not listed, in the table's order. */
  table: Tally[];
  /** Per operation, the skipped requests not listed. */
  skipped: Array<{ operation: string; count: number }>;
}

/** A run's result as the reports render it. */
export interface TalliedResult extends CheckedResult {
  /** Every outcome; or, once the run outgrew the listing limits, its failures and warnings while they fit. */
  outcomes: ReportedOutcome[];
  /** Every outcome counted, per operation and check, in the spec's order of operations and the catalogue's of checks. */
  table: Tally[];
  /** Set when something was counted but not listed. */
  unlisted?: Unlisted;
}

const OPERATION_ORDER = [...Object.keys(operations), ...Object.keys(webhooks)];
const CHECK_ORDER = Object.keys(CHECKS);

function count(rows: Map<string, Tally>, o: ReportedOutcome): void {
  const key = `${o.operation}\u0000${o.check}`;
  let row = rows.get(key);
  if (!row) {
    row = { operation: o.operation, check: o.check, passed: 0, failed: 0, warned: 0 };
    rows.set(key, row);
  }
  if (o.passed) row.passed += 1;
  else if (o.severity === "warning") row.warned += 1;
  else row.failed += 1;
}

const ordered = (rows: Map<string, Tally>): Tally[] =>
  [...rows.values()].sort(
    (a, b) =>
      OPERATION_ORDER.indexOf(a.operation) - OPERATION_ORDER.indexOf(b.operation) ||
      CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check),
  );

/** The text an outcome holds of its own (its operation and check name are shared). */
function sizeOf(o: ReportedOutcome): number {
  let size = o.subject.length + o.request.length + o.expected.length + o.actual.length;
  for (const detail of o.details) size += detail.length;
  return size;
}

/** The outcomes passed, failed with errors, and failed with warnings, summed over a table. */
export function totals(table: Tally[]): { passed: number; failed: number; warned: number } {
  const sum = { passed: 0, failed: 0, warned: 0 };
  for (const row of table) {
    sum.passed += row.passed;
    sum.failed += row.failed;
    sum.warned += row.warned;
  }
  return sum;
}

export class Ledger {
  private readonly rows = new Map<string, Tally>();
  private readonly unlistedRows = new Map<string, Tally>();
  private readonly unlistedSkips = new Map<string, number>();
  private outcomes: ReportedOutcome[] = [];
  private readonly skipped: Skip[] = [];
  private characters = 0;
  /** Set once every outcome no longer fits: from then on passed outcomes are counted only. */
  private failuresOnly = false;
  /** Set once a failure did not fit: none after it is listed either, so that the list is the first ones. */
  private outcomesFull = false;
  private skipsFull = false;

  constructor(private readonly limits: ListingLimits = LISTING_LIMITS) {}

  add(outcome: ReportedOutcome): void {
    count(this.rows, outcome);
    if (!this.list(outcome)) count(this.unlistedRows, outcome);
  }

  skip(skip: Skip): void {
    const size = skip.subject.length + skip.reason.length;
    this.skipsFull ||= !this.fits(this.skipped.length, this.limits.skipped, size);
    if (this.skipsFull) {
      this.unlistedSkips.set(skip.operation, (this.unlistedSkips.get(skip.operation) ?? 0) + 1);
      return;
    }
    this.skipped.push(skip);
    this.characters += size;
  }

  result(): TalliedResult {
    const result: TalliedResult = { outcomes: this.outcomes, skipped: this.skipped, table: ordered(this.rows) };
    if (this.unlistedRows.size === 0 && this.unlistedSkips.size === 0) return result;
    const skipped = [...this.unlistedSkips].map(([operation, n]) => ({ operation, count: n }));
    return { ...result, unlisted: { limits: this.limits, table: ordered(this.unlistedRows), skipped } };
  }

  /** Lists the outcome if it fits; false when it is to be counted only. */
  private list(outcome: ReportedOutcome): boolean {
    if (this.outcomesFull || (this.failuresOnly && outcome.passed)) return false;
    const size = sizeOf(outcome);
    if (!this.failuresOnly && !this.fits(this.outcomes.length, this.limits.outcomes, size)) {
      this.keepFailuresOnly();
      if (outcome.passed) return false;
    }
    this.outcomesFull = !this.fits(this.outcomes.length, this.limits.outcomes, size);
    if (this.outcomesFull) return false;
    this.outcomes.push(outcome);
    this.characters += size;
    return true;
  }

  private keepFailuresOnly(): void {
    this.failuresOnly = true;
    const failures: ReportedOutcome[] = [];
    for (const o of this.outcomes) {
      if (!o.passed) {
        failures.push(o);
        continue;
      }
      count(this.unlistedRows, o);
      this.characters -= sizeOf(o);
    }
    this.outcomes = failures;
  }

  private fits(listed: number, most: number, size: number): boolean {
    return listed < most && this.characters + size <= this.limits.characters;
  }
}

/** A result as the reports take it: a live run's (every outcome listed) tallied here, a tallied one as it is. */
export function asTallied(result: CheckedResult | TalliedResult): TalliedResult {
  if ("table" in result) return result;
  const ledger = new Ledger(LIST_EVERYTHING);
  for (const outcome of result.outcomes) ledger.add(outcome);
  for (const skip of result.skipped) ledger.skip(skip);
  return ledger.result();
}
