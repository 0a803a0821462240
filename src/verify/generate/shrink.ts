// Shrinking a failing request: fewer keys, then shorter values, keeping each change only while the same check still
// fails when the smaller request is judged again (judge.ts) and sent again. Greedy, bounded by a number of sends.
import type { CheckName, CheckOutcome } from "../checks.js";
import { type FormEntries, type RequestCase, VALID_CALL_SID } from "../corpus.js";
import { type Draft, GENERATED_OPERATIONS, type GeneratedOperation, toCase } from "./cases.js";
import { decodeWire } from "./wire.js";

/** Sends a case again and gives the outcomes of its checks; undefined once the run has stopped sending. */
export type Resend = (testCase: RequestCase) => Promise<CheckOutcome[] | undefined>;

/** The most requests shrinking one failure may send. */
export const SHRINK_SENDS = 60;

function entriesOf(testCase: RequestCase): FormEntries {
  if (testCase.wire) return decodeWire(testCase.wire.body ?? testCase.wire.query ?? "");
  return testCase.body ?? testCase.query ?? [];
}

/** Smaller forms of the entries: each key left out, then each long value cut in half. */
function* candidates(entries: FormEntries): Generator<FormEntries> {
  for (let i = 0; i < entries.length; i++) yield [...entries.slice(0, i), ...entries.slice(i + 1)];
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i] as [string, string];
    if (value.length > 8)
      yield entries.map((e, j): [string, string] => (j === i ? [key, value.slice(0, Math.ceil(value.length / 2))] : e));
  }
}

const stillFails = (outcomes: CheckOutcome[], check: CheckName) => outcomes.some((o) => o.check === check && !o.passed);

/** The smallest request found that still fails `check`, and how many requests shrinking sent. */
export async function shrinkCase(
  testCase: RequestCase,
  check: CheckName,
  accountSid: string,
  resend: Resend,
): Promise<{ testCase: RequestCase; sends: number }> {
  const operation = testCase.operation as GeneratedOperation;
  if (!GENERATED_OPERATIONS.includes(operation) || testCase.phase === undefined) return { testCase, sends: 0 };
  let best = testCase;
  let entries = entriesOf(testCase);
  let sends = 0;
  let improved = true;
  while (improved && sends < SHRINK_SENDS) {
    improved = false;
    for (const smaller of candidates(entries)) {
      if (sends >= SHRINK_SENDS) break;
      const draft: Draft = {
        operation,
        name: `${testCase.name.replace(/ \(shrunk\)$/, "")} (shrunk)`,
        entries: smaller,
        sid: testCase.path?.Sid ?? VALID_CALL_SID,
      };
      const candidate = toCase(draft, accountSid, testCase.phase === "coverage" ? "coverage" : "fuzz");
      if (!candidate) continue;
      const outcomes = await resend(candidate);
      if (outcomes === undefined) return { testCase: best, sends };
      sends += 1;
      if (!stillFails(outcomes, check)) continue;
      best = candidate;
      entries = smaller;
      improved = true;
      break;
    }
  }
  return { testCase: best, sends };
}
