// `verify --har`: recorded traffic judged again, offline, by the named checks of this version of the spec, with
// the coverage it gives. One outcome per exchange and check, in the order the exchanges were recorded.
import { streamHar } from "../har/reader.js";
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

/** Judges entries one at a time as they are read, keeping what the result needs and not the entries. */
function createReplay(onOutcome?: (outcome: CheckOutcome) => void) {
  const outcomes: CheckOutcome[] = [];
  const skipped: VerifyResult["skipped"] = [];
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
        skipped.push({ operation: OTHER_TRAFFIC, subject: `exchange #${index}`, reason });
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
    },
    result: (): ReplayResult => ({ outcomes, skipped, coverage: coverage.result(), exchanges: index }),
  };
}

export function replayEntries(entries: HarEntry[], onOutcome?: (outcome: CheckOutcome) => void): ReplayResult {
  const replay = createReplay(onOutcome);
  for (const entry of entries) replay.add(entry);
  return replay.result();
}

/** The file is read as a stream and each entry judged as it comes: a recording of any size is judged. */
export async function replayHar(path: string, onOutcome?: (outcome: CheckOutcome) => void): Promise<ReplayResult> {
  const replay = createReplay(onOutcome);
  const har = await streamHar(path, (entry) => replay.add(entry));
  const result = replay.result();
  return har.truncated ? { ...result, truncated: har.truncated } : result;
}
