// `verify --har`: recorded traffic judged again, offline, by the named checks of this version of the spec, with
// the coverage it gives. Outcomes are handed on in the order the exchanges were recorded and kept in a ledger
// (ledger.ts): counted whole, listed up to its limits, so that a recording of any size is judged in bounded memory.
import { streamHar } from "../har/reader.js";
import type { HarEntry } from "../har/types.js";
import type { CheckOutcome } from "./checks.js";
import { type Coverage, CoverageCounter } from "./coverage.js";
import { Ledger, LISTING_LIMITS, type ListingLimits, type TalliedResult } from "./ledger.js";
import { OTHER_TRAFFIC, observeEntry } from "./observe.js";

export interface ReplayResult extends TalliedResult {
  coverage: Coverage;
  /** How many entries the file held. */
  exchanges: number;
  /** Set when the file was cut short and only its whole entries were read. */
  truncated?: string;
}

export interface ReplayOptions {
  /** Every outcome as it is judged, listed or not. */
  onOutcome?: (outcome: CheckOutcome) => void;
  /** How much the result lists one by one; LISTING_LIMITS unless given. */
  listing?: ListingLimits;
}

/** Judges entries one at a time as they are read, keeping what the result needs and not the entries. */
function createReplay({ onOutcome, listing = LISTING_LIMITS }: ReplayOptions) {
  const ledger = new Ledger(listing);
  const coverage = new CoverageCounter();
  let index = 0;
  return {
    add(entry: HarEntry): void {
      let verdict: ReturnType<typeof observeEntry>;
      try {
        verdict = observeEntry(entry, index++);
      } catch (error) {
        // A HAR from another tool may lack a part this one always writes: that entry is listed, not fatal.
        const reason = `the entry cannot be read (${(error as Error).message})`;
        ledger.skip({ operation: OTHER_TRAFFIC, subject: `exchange #${index}`, reason });
        return;
      }
      if (verdict.kind === "skipped") {
        ledger.skip({ operation: verdict.operation, subject: verdict.subject, reason: verdict.reason });
        return;
      }
      for (const outcome of verdict.outcomes) {
        ledger.add(outcome);
        onOutcome?.(outcome);
      }
      if (verdict.sample) coverage.add(verdict.sample);
    },
    result: (): ReplayResult => ({ ...ledger.result(), coverage: coverage.result(), exchanges: index }),
  };
}

export function replayEntries(entries: HarEntry[], options: ReplayOptions = {}): ReplayResult {
  const replay = createReplay(options);
  for (const entry of entries) replay.add(entry);
  return replay.result();
}

/** The file is read as a stream and each entry judged as it comes: a recording of any size is judged. */
export async function replayHar(path: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  const replay = createReplay(options);
  const har = await streamHar(path, (entry) => replay.add(entry));
  const result = replay.result();
  return har.truncated ? { ...result, truncated: har.truncated } : result;
}
