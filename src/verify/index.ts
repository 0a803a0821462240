// `calls-contract verify` as a library: the fixed corpus sent to a server request by request with every named check
// (checks.ts) applied to each response; with `generate`, then the coverage, fuzz and stateful phases
// (generate/, stateful/), whose failures come back shrunk with curl lines, to keep and replay (replayFailures).
import { isLoopbackUrl } from "../loopback.js";
import { CHECKS, type CheckName, type CheckOutcome } from "./checks.js";
import { type RequestCase, requestCorpus, unauthenticatedCorpus } from "./corpus.js";
import { type Coverage, CoverageCounter } from "./coverage.js";
import type { FailuresFile, ReplayableFailure } from "./generate/failures.js";
import { type FailedRequest, requestFailures, sequenceFailures } from "./generate/findings.js";
import { checkMaxCases, type GenerateOptions, planGenerated, runStateful } from "./generate/run.js";
import { decodeWire } from "./generate/wire.js";
import type { Credentials } from "./http.js";
import type { CheckedResult } from "./ledger.js";
import { withoutSecrets } from "./masked.js";
import { replayFailures } from "./replay-failures.js";
import {
  createSession,
  NO_RESPONSE_STREAK,
  type PlannedRequest,
  type Sent,
  type Session,
  withoutHeldWrites,
} from "./session.js";
import { registerMockAccounts } from "./stateful/mock-accounts.js";

export { DEFAULT_FAILURES_FILE, readFailuresFile, writeFailuresFile } from "./generate/failures.js";
export type { ReplayFailuresOptions, ReplayFailuresResult, ReplayOutcome } from "./replay-failures.js";
export type {
  CheckName,
  CheckOutcome,
  Credentials,
  FailuresFile,
  GenerateOptions,
  PlannedRequest,
  ReplayableFailure,
  RequestCase,
};
export { CHECKS, NO_RESPONSE_STREAK, replayFailures, requestCorpus };

export interface VerifyOptions {
  baseUrl: string;
  credentials: Credentials;
  /** Send createCall, updateCall and deleteCall cases even when the server is not on loopback. */
  allowWrites?: boolean;
  onOutcome?: (outcome: CheckOutcome, index: number, total: number) => void;
  /** The whole run's time limit; requests not sent by then are listed as skipped. Defaults to 300 s. */
  deadlineMs?: number;
  /** One request's time limit. Defaults to 15 s. */
  requestTimeoutMs?: number;
  /** The most of one response's body that is read. Defaults to 10 MiB. */
  maxResponseBytes?: number;
  /** After the fixed corpus, the generated phases (coverage, fuzz, stateful); absent, the fixed corpus only. */
  generate?: GenerateOptions;
  /** A second account on the same server, for the account-isolation checks; skipped, with why, when absent. */
  secondCredentials?: Credentials;
  /**
   * When the server is calls-contract's stateful mock: its admin URL (RunningMock's adminUrl). verify first gives it
   * both accounts' tokens, so that it refuses a wrong token and another account's credentials as Twilio does.
   */
  mockAdminUrl?: string;
}

export interface VerifyResult extends CheckedResult {
  /** Every check of every exchange; a failed one is an error or a warning by its severity. */
  outcomes: CheckOutcome[];
  /** Cases not sent, with why. */
  skipped: Array<{ operation: string; subject: string; reason: string }>;
  /** Each failure once per check, operation and broken rule, shrunk, with its curl line(s), to replay. */
  failures: ReplayableFailure[];
  /** With `generate`: the seed used (give it again to send the same cases) and what the run covered. */
  generated?: { seed: number; coverage: Coverage };
}

/** Which requests verify sends to this server, and which it holds back (writes to a server not on loopback). */
export function planRequests(
  baseUrl: string,
  allowWrites = false,
): { runnable: PlannedRequest[]; skipped: VerifyResult["skipped"] } {
  const mayWrite = allowWrites || isLoopbackUrl(baseUrl);
  const skipped: VerifyResult["skipped"] = [];
  const plan = [
    ...requestCorpus.map((testCase) => ({ testCase, authenticated: true })),
    ...unauthenticatedCorpus.map((testCase) => ({ testCase, authenticated: false })),
  ];
  const reason = "could place or change a call on a server that is not on loopback; pass --allow-writes to send it";
  const runnable = withoutHeldWrites(plan, mayWrite, reason, skipped);
  return { runnable, skipped };
}

/** What a sent request adds to the coverage: its operation, the keys and values it sent, and the response. */
function coverageSample(planned: PlannedRequest, sent: Sent) {
  const { testCase } = planned;
  const text = testCase.wire ? [testCase.wire.query ?? "", testCase.wire.body ?? ""] : [];
  const params = testCase.wire ? text.flatMap(decodeWire) : [...(testCase.query ?? []), ...(testCase.body ?? [])];
  return { operation: testCase.operation, params, status: sent.exchange?.status, body: sent.exchange?.body };
}

async function sendPlan(session: Session, plan: PlannedRequest[], credentials: Credentials) {
  const failed: FailedRequest[] = [];
  session.expect(plan.length);
  for (const planned of plan) {
    const sent = await session.send(planned, credentials);
    for (const outcome of sent.outcomes)
      if (!outcome.passed && outcome.severity === "error") failed.push({ planned, outcome });
  }
  return failed;
}

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  // Refused before anything is sent, as a usage mistake should be.
  if (options.generate?.maxCases !== undefined) checkMaxCases(options.generate.maxCases);
  if (options.mockAdminUrl !== undefined)
    await registerMockAccounts(options.mockAdminUrl, [
      options.credentials,
      ...(options.secondCredentials ? [options.secondCredentials] : []),
    ]);
  const coverage = options.generate ? new CoverageCounter() : undefined;
  const onSent = (planned: PlannedRequest, sent: Sent) => {
    if (sent.exchange) coverage?.add(coverageSample(planned, sent));
  };
  const session = createSession({ ...options, onSent });
  const accounts = [options.credentials, options.secondCredentials];
  const { runnable, skipped } = planRequests(options.baseUrl, options.allowWrites);
  for (const s of skipped) session.skip(s);
  const failed = await sendPlan(session, runnable, options.credentials);
  // Shrinking's requests are not the run's outcomes, but they are the run's traffic: its time limit and its stop
  // after silent requests bound them too.
  const context = {
    baseUrl: options.baseUrl,
    main: options.credentials,
    ...(options.secondCredentials ? { second: options.secondCredentials } : {}),
    resend: (testCase: RequestCase) => session.probe({ testCase, authenticated: true }, options.credentials),
  };
  if (!options.generate || !coverage) {
    const failures = await requestFailures(failed, context);
    return withoutSecrets({ outcomes: session.outcomes, skipped: session.skipped, failures }, accounts);
  }
  const plan = planGenerated(options.baseUrl, options.credentials.accountSid, options.generate, options.allowWrites);
  for (const s of plan.skipped) session.skip(s);
  failed.push(...(await sendPlan(session, plan.runnable, options.credentials)));
  const runs = await runStateful({
    session,
    main: options.credentials,
    ...(context.second ? { second: context.second } : {}),
    seed: plan.seed,
    rounds: plan.statefulRounds,
  });
  const failures = [...(await requestFailures(failed, context)), ...sequenceFailures(runs, context)];
  const generated = { seed: plan.seed, coverage: coverage.result() };
  return withoutSecrets({ outcomes: session.outcomes, skipped: session.skipped, failures, generated }, accounts);
}
