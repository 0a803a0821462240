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

/** The cases every generated run sends, whatever its budget: each operation without credentials, and the forms. */
const formCases = (accountSid: string): PlannedRequest[] => [
  ...unauthenticated(accountSid),
  ...shapeCases(accountSid).map((testCase) => ({ testCase, authenticated: true })),
];

let leastCases: number | undefined;
/** The least `maxCases` a generated run takes: room for the form cases (their count does not depend on the account). */
export function leastMaxCases(): number {
  leastCases ??= formCases(`AC${"0".repeat(32)}`).length;
  return leastCases;
}

/** Refuses a `maxCases` that is not a whole number or leaves no room for the form cases. */
export function checkMaxCases(maxCases: number, name = "generate.maxCases"): void {
  const least = leastMaxCases();
  if (!Number.isInteger(maxCases) || maxCases < least)
    throw new RangeError(
      `${name} must be a whole number of at least ${least} (the form cases every run sends), got ${maxCases}`,
    );
}

/**
 * How many stateful rounds fit: their share of the budget, and at least one when a whole round fits beside the form
 * cases. None when it does not fit, or when writing is not allowed; `skipped` says why.
 */
function statefulRoundsFor(maxCases: number, forms: number, mayWrite: boolean, skipped: Skipped[]): number {
  const subject = "the stateful phase";
  if (!mayWrite) {
    skipped.push({
      operation: "createCall",
      subject,
      reason: "it creates, ends and deletes calls; pass --allow-writes to run it on a server that is not on loopback",
    });
    return 0;
  }
  const share = Math.floor((maxCases * STATEFUL_SHARE) / REQUESTS_PER_ROUND);
  if (share > 0 || maxCases - forms >= REQUESTS_PER_ROUND) return Math.max(1, share);
  skipped.push({
    operation: "createCall",
    subject,
    reason:
      `maxCases ${maxCases} leaves no room for a round (up to ${REQUESTS_PER_ROUND} requests) beside the ` +
      `${forms} form cases; give ${forms + REQUESTS_PER_ROUND} or more to run it`,
  });
  return 0;
}

/** The generated requests for this server: coverage first, then fuzz, within the budget left by the stateful phase. */
export function planGenerated(
  baseUrl: string,
  accountSid: string,
  options: GenerateOptions,
  allowWrites = false,
): GeneratedPlan {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const maxCases = options.maxCases ?? DEFAULT_MAX_CASES;
  checkMaxCases(maxCases);
  const mayWrite = allowWrites || isLoopbackUrl(baseUrl);
  const always = formCases(accountSid);
  const skipped: Skipped[] = [];
  const statefulRounds = statefulRoundsFor(maxCases, always.length, mayWrite, skipped);
  const budget = maxCases - statefulRounds * REQUESTS_PER_ROUND;
  const authenticated = (testCase: RequestCase) => ({ testCase, authenticated: true });
  const room = Math.max(0, Math.min(budget, Math.ceil(maxCases * COVERAGE_SHARE)) - always.length);
  const bounds = spread(boundCases(accountSid).map(authenticated), room);
  const edges = spread(edgeCases(accountSid).map(authenticated), room - bounds.length);
  const coverage = [...always, ...bounds, ...edges];
  const fuzz = fuzzCases(seed, budget - coverage.length, accountSid).map(authenticated);
  const reason = "a generated write to a server that is not on loopback; pass --allow-writes to send it";
  const runnable = withoutHeldWrites([...coverage, ...fuzz], mayWrite, reason, skipped);
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
