// `verify --har`: recorded traffic judged again, offline, by the named checks of this version of the spec, with
// the coverage it gives. One outcome per exchange and check, in the order the exchanges were recorded.
import { readHar } from "../har/reader.js";
import type { HarEntry } from "../har/types.js";
import type { CheckOutcome } from "./checks.js";
import { type Coverage, CoverageCounter } from "./coverage.js";
import type { VerifyResult } from "./index.js";
import { OTHER_TRAFFIC, observeEntry } from "./observe.js";

export interface ReplayResult extends VerifyResult {
  coverage: Coverage;
  /** How many entries the file held. */
  exchanges: number;
  /** Set when the file was cut short and only its whole entries were read. */
  truncated?: string;
}

export function replayEntries(entries: HarEntry[], onOutcome?: (outcome: CheckOutcome) => void): ReplayResult {
  const outcomes: CheckOutcome[] = [];
  const skipped: VerifyResult["skipped"] = [];
  const coverage = new CoverageCounter();
  entries.forEach((entry, index) => {
    let verdict: ReturnType<typeof observeEntry>;
    try {
      verdict = observeEntry(entry, index);
    } catch (error) {
      // A HAR from another tool may lack a part this one always writes: that entry is listed, not fatal.
      const reason = `the entry cannot be read (${(error as Error).message})`;
      skipped.push({ operation: OTHER_TRAFFIC, subject: `exchange #${index + 1}`, reason });
      return;
    }
    if (verdict.kind === "skipped") {
      skipped.push({ operation: verdict.operation, subject: verdict.subject, reason: verdict.reason });
      return;
    }
    for (const outcome of verdict.outcomes) {
      outcomes.push(outcome);
      onOutcome?.(outcome);
    }
    if (verdict.sample) coverage.add(verdict.sample);
  });
  return { outcomes, skipped, coverage: coverage.result(), exchanges: entries.length };
}

export async function replayHar(path: string, onOutcome?: (outcome: CheckOutcome) => void): Promise<ReplayResult> {
  const har = await readHar(path);
  const result = replayEntries(har.entries, onOutcome);
  return har.truncated ? { ...result, truncated: har.truncated } : result;
}
