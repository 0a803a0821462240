// `verify --replay FILE`: exactly the failures a run kept, sent again (a request as it was shrunk, a sequence from
// its seed), each said to pass now or to fail still.

import { isLoopbackUrl } from "../loopback.js";
import type { CheckOutcome } from "./checks.js";
import { type FailuresFile, type ReplayableFailure, readFailuresFile } from "./generate/failures.js";
import { checkReplayable } from "./generate/failures-shape.js";
import { type Credentials, writesSomething } from "./http.js";
import { withoutSecrets } from "./masked.js";
import { createSession, type SessionOptions } from "./session.js";
import { registerMockAccounts } from "./stateful/mock-accounts.js";
import { runSequence, SEQUENCES } from "./stateful/phase.js";

export interface ReplayFailuresOptions extends Omit<SessionOptions, "onSent"> {
  credentials: Credentials;
  secondCredentials?: Credentials;
  /** Send failures that create, change or delete calls even when the server is not on loopback. */
  allowWrites?: boolean;
  /** As runVerify's: calls-contract's stateful mock's admin URL, given both accounts' tokens first. */
  mockAdminUrl?: string;
}

/** Why a failure is not sent again to this server, if it is not: it writes, and the server is not on loopback. */
function heldBack(failure: ReplayableFailure, mayWrite: boolean): string | undefined {
  if (mayWrite) return undefined;
  const writes =
    failure.sequence !== undefined || (failure.request !== undefined && writesSomething(failure.request.testCase));
  return writes
    ? "could place or change a call on a server that is not on loopback; pass --allow-writes to send it"
    : undefined;
}

export interface ReplayOutcome {
  failure: ReplayableFailure;
  /** True when the failure's check now passes everywhere it applied. */
  passes: boolean;
  /** The outcomes of the failure's check in the replay. */
  outcomes: CheckOutcome[];
}

export interface ReplayFailuresResult {
  results: ReplayOutcome[];
  /** Every outcome of the replay, for the table and the reports. */
  outcomes: CheckOutcome[];
  skipped: Array<{ operation: string; subject: string; reason: string }>;
}

/** Sends each failure again: a file's path, or the failures themselves. */
export async function replayFailures(
  source: string | FailuresFile | ReplayableFailure[],
  options: ReplayFailuresOptions,
): Promise<ReplayFailuresResult> {
  const file = typeof source === "string" ? await readFailuresFile(source) : source;
  const failures = Array.isArray(file) ? file : file.failures;
  // Checked before anything is sent (a file was checked as it was read).
  if (typeof source !== "string") checkReplayable(failures, "");
  if (options.mockAdminUrl !== undefined)
    await registerMockAccounts(options.mockAdminUrl, [
      options.credentials,
      ...(options.secondCredentials ? [options.secondCredentials] : []),
    ]);
  const session = createSession(options);
  const mayWrite = options.allowWrites === true || isLoopbackUrl(options.baseUrl);
  const results: ReplayOutcome[] = [];
  for (const failure of failures) {
    let produced: CheckOutcome[] = [];
    const reason = heldBack(failure, mayWrite);
    if (reason) session.skip({ operation: failure.operation, subject: failure.subject, reason });
    else if (failure.request) {
      session.expect(1);
      produced = (await session.send(failure.request, options.credentials)).outcomes;
    } else if (failure.sequence && Object.hasOwn(SEQUENCES, failure.sequence.name)) {
      const { name, seed } = failure.sequence;
      const second = options.secondCredentials;
      produced = (await runSequence({ session, main: options.credentials, ...(second ? { second } : {}) }, name, seed))
        .outcomes;
    }
    const outcomes = produced.filter((o) => o.check === failure.check);
    results.push({ failure, passes: outcomes.length > 0 && outcomes.every((o) => o.passed), outcomes });
  }
  const result = { results, outcomes: session.outcomes, skipped: session.skipped };
  return withoutSecrets(result, [options.credentials, options.secondCredentials]);
}
