// The stateful phase: rounds of the lifecycle and paging sequences, each from a seed of its own so that a failing
// one is re-run alone by --replay. Each sequence is already the shortest that shows its checks' failures.
import type { CheckOutcome } from "../checks.js";
import { type Random, seededRandom } from "../generate/random.js";
import type { Credentials } from "../http.js";
import type { Session } from "../session.js";
import { lifecycle } from "./lifecycle.js";
import { paging } from "./paging.js";
import { Sequence, type StepLog } from "./steps.js";

export const SEQUENCES = { lifecycle, paging } as const;
export type SequenceName = keyof typeof SEQUENCES;

/**
 * The most requests a round of both sequences sends, to plan rounds within --max-cases: the lifecycle's 34, and the
 * paging's at most 5 creates, 7 pages (the calls over pages of 1, and 2 more), 5 updates and 5 deletes.
 */
export const REQUESTS_PER_ROUND = 56;

export interface SequenceRun {
  name: SequenceName;
  seed: number;
  log: StepLog[];
  outcomes: CheckOutcome[];
  /** For each outcome, how many of the logged steps show it. */
  judgedAt: number[];
}

export interface StatefulOptions {
  session: Session;
  main: Credentials;
  second?: Credentials;
}

/** Runs one sequence from its seed. */
export async function runSequence(options: StatefulOptions, name: SequenceName, seed: number): Promise<SequenceRun> {
  const sequence = new Sequence(options);
  const random: Random = seededRandom(seed);
  await SEQUENCES[name](sequence, random);
  return { name, seed, log: sequence.log, outcomes: sequence.outcomes, judgedAt: sequence.judgedAt };
}

/** `rounds` rounds of every sequence; each sequence's seed is derived from the run's seed and its round. */
export async function runStatefulPhase(options: StatefulOptions, seed: number, rounds: number): Promise<SequenceRun[]> {
  const runs: SequenceRun[] = [];
  options.session.expect(rounds * REQUESTS_PER_ROUND);
  for (let round = 0; round < rounds && !options.session.stopReason(); round++) {
    for (const [index, name] of (Object.keys(SEQUENCES) as SequenceName[]).entries())
      runs.push(await runSequence(options, name, (seed * 7919 + round * 31 + index) >>> 0));
  }
  return runs;
}
