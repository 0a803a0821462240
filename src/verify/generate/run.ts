// verify --generate after the fixed corpus: the coverage and fuzz phases (judged cases, sent as planned requests),
// then the stateful phase, within --max-cases requests in all.
import { isLoopbackUrl } from "../../loopback.js";
import type { RequestCase } from "../corpus.js";
import type { Credentials } from "../http.js";
import { type PlannedRequest, type Session, type Skipped, withoutHeldWrites } from "../session.js";
import { REQUESTS_PER_ROUND, runStatefulPhase, type SequenceRun } from "../stateful/phase.js";
import { BASES, GENERATED_OPERATIONS, toCase } from "./cases.js";
import { boundCases, edgeCases, shapeCases } from "./coverage-phase.js";
import { DEFAULT_MAX_CASES } from "./defaults.js";
import { fuzzCases } from "./fuzz-phase.js";

export interface GenerateOptions {
  /** The seed of the fuzz and stateful phases; the same seed sends the same cases. Random when absent. */
  seed?: number;
  /** The most requests the generated phases send (coverage, fuzz and stateful together). Defaults to 1,000. */
  maxCases?: number;
}

/** The share of --max-cases the stateful phase takes, and the most the coverage phase takes. */
const STATEFUL_SHARE = 0.2;
const COVERAGE_SHARE = 0.5;

/** `count` items spread evenly over the list, in its order: a short run still touches every operation. */
function spread<T>(items: T[], count: number): T[] {
  if (count >= items.length) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

export interface GeneratedPlan {
  seed: number;
  runnable: PlannedRequest[];
  skipped: Skipped[];
  statefulRounds: number;
}

const unauthenticated = (accountSid: string): PlannedRequest[] =>
  GENERATED_OPERATIONS.map((operation) =>
    toCase({ operation, name: "without credentials", entries: BASES[operation] }, accountSid, "coverage"),
  )
    .filter((c): c is RequestCase => c !== undefined)
    .map((testCase) => ({ testCase, authenticated: false }));

/** The generated requests for this server: coverage first, then fuzz, within the budget left by the stateful phase. */
export function planGenerated(
  baseUrl: string,
  accountSid: string,
  options: GenerateOptions,
  allowWrites = false,
): GeneratedPlan {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const maxCases = options.maxCases ?? DEFAULT_MAX_CASES;
  const mayWrite = allowWrites || isLoopbackUrl(baseUrl);
  const statefulRounds = mayWrite ? Math.max(1, Math.floor((maxCases * STATEFUL_SHARE) / REQUESTS_PER_ROUND)) : 0;
  const budget = Math.max(0, maxCases - statefulRounds * REQUESTS_PER_ROUND);
  const authenticated = (testCase: RequestCase) => ({ testCase, authenticated: true });
  const always = [...unauthenticated(accountSid), ...shapeCases(accountSid).map(authenticated)].slice(0, budget);
  const room = Math.max(0, Math.min(budget, Math.ceil(maxCases * COVERAGE_SHARE)) - always.length);
  const bounds = spread(boundCases(accountSid).map(authenticated), room);
  const edges = spread(edgeCases(accountSid).map(authenticated), room - bounds.length);
  const coverage = [...always, ...bounds, ...edges];
  const fuzz = fuzzCases(seed, budget - coverage.length, accountSid).map((testCase) => ({
    testCase,
    authenticated: true,
  }));
  const skipped: Skipped[] = [];
  const reason = "a generated write to a server that is not on loopback; pass --allow-writes to send it";
  const runnable = withoutHeldWrites([...coverage, ...fuzz], mayWrite, reason, skipped);
  if (!mayWrite)
    skipped.push({
      operation: "createCall",
      subject: "the stateful phase",
      reason: "it creates, ends and deletes calls; pass --allow-writes to run it on a server that is not on loopback",
    });
  return { seed, runnable, skipped, statefulRounds };
}

export interface StatefulRun {
  session: Session;
  main: Credentials;
  second?: Credentials;
  seed: number;
  rounds: number;
}

/** The stateful phase, with the isolation checks skipped (and why) when there is no second account. */
export async function runStateful({ session, main, second, seed, rounds }: StatefulRun): Promise<SequenceRun[]> {
  if (rounds === 0) return [];
  if (!second)
    session.skip({
      operation: "fetchCall",
      subject: "account-isolation",
      reason:
        "no second account: set TWILIO_SECOND_ACCOUNT_SID and TWILIO_SECOND_AUTH_TOKEN (runVerify's secondCredentials)",
    });
  return runStatefulPhase({ session, main, ...(second ? { second } : {}) }, seed, rounds);
}
