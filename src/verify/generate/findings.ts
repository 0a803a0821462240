// From failed outcomes to findings a person can act on: one failure per check, operation and broken rule (the
// first one found stands for the others like it), generated requests shrunk, stateful ones as their sequence, each
// with its curl line(s).

import { operations } from "../../validation/index.js";
import type { CheckOutcome } from "../checks.js";
import type { RequestCase } from "../corpus.js";
import type { Credentials } from "../http.js";
import { caseTarget } from "../http.js";
import type { PlannedRequest } from "../session.js";
import type { SequenceRun } from "../stateful/phase.js";
import { curlLine } from "./curl.js";
import type { ReplayableFailure } from "./failures.js";
import { type Resend, shrinkCase } from "./shrink.js";

/** The most request failures shrunk in one run; the rest are kept as found. */
export const MOST_SHRUNK = 20;

export interface FailedRequest {
  planned: PlannedRequest;
  outcome: CheckOutcome;
}

export interface FindingContext {
  baseUrl: string;
  main: Credentials;
  second?: Credentials;
  resend: Resend;
}

const groupKey = ({ planned, outcome }: FailedRequest) => {
  const breaks = planned.testCase.breaks;
  return [outcome.check, outcome.operation, breaks ? `${breaks.field} ${breaks.rule}` : outcome.actual].join("\u0000");
};

/** The curl line of a request case as verify sends it. */
export function caseCurl(
  context: Pick<FindingContext, "baseUrl" | "main" | "second">,
  planned: PlannedRequest,
): string {
  const { testCase, authenticated } = planned;
  const manifest = operations[testCase.operation];
  const body = testCase.wire ? testCase.wire.body : testCase.body && new URLSearchParams(testCase.body).toString();
  const accountSid = authenticated ? context.main.accountSid : "AC00000000000000000000000000000000";
  return curlLine(
    context.baseUrl,
    {
      method: manifest.method,
      target: caseTarget(testCase, accountSid),
      ...(body !== undefined ? { body } : {}),
      account: authenticated ? "main" : "none",
      accept: manifest.xmlResponses ? "application/xml" : "application/json",
    },
    context,
  );
}

/** A case with its bytes spelled out, so that a failures file shows exactly what is sent again. */
function onTheWire(testCase: RequestCase): RequestCase {
  if (testCase.wire) return testCase;
  const query = new URLSearchParams(testCase.query ?? []).toString();
  const body = testCase.body ? new URLSearchParams(testCase.body).toString() : undefined;
  return { ...testCase, wire: { ...(query ? { query } : {}), ...(body !== undefined ? { body } : {}) } };
}

export async function requestFailures(failed: FailedRequest[], context: FindingContext): Promise<ReplayableFailure[]> {
  const groups = new Map<string, FailedRequest[]>();
  for (const f of failed) {
    const key = groupKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const failures: ReplayableFailure[] = [];
  for (const group of groups.values()) {
    const { planned, outcome } = group[0] as FailedRequest;
    let testCase = planned.testCase;
    if (planned.authenticated && failures.length < MOST_SHRUNK)
      testCase = (await shrinkCase(testCase, outcome.check, context.main.accountSid, context.resend)).testCase;
    const shrunk = { testCase: onTheWire(testCase), authenticated: planned.authenticated };
    failures.push({
      check: outcome.check,
      operation: outcome.operation,
      subject: testCase === planned.testCase ? outcome.subject : `${outcome.subject}, shrunk to ${testCase.name}`,
      expected: outcome.expected,
      actual: outcome.actual,
      details: outcome.details,
      request: shrunk,
      standsFor: group.length,
      curl: [caseCurl(context, shrunk)],
    });
  }
  return failures;
}

export function sequenceFailures(
  runs: SequenceRun[],
  context: Pick<FindingContext, "baseUrl" | "main" | "second">,
): ReplayableFailure[] {
  const failures: ReplayableFailure[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const [index, outcome] of run.outcomes.entries()) {
      if (outcome.passed || seen.has(outcome.check)) continue;
      seen.add(outcome.check);
      const curl = run.log.slice(0, run.judgedAt[index]).map((step) =>
        curlLine(
          context.baseUrl,
          {
            method: step.method,
            target: step.target,
            ...(step.body !== undefined ? { body: step.body } : {}),
            account: step.who,
          },
          context,
        ),
      );
      const standsFor = runs.flatMap((r) => r.outcomes).filter((o) => !o.passed && o.check === outcome.check).length;
      failures.push({
        check: outcome.check,
        operation: outcome.operation,
        subject: `${run.name} sequence (seed ${run.seed}): ${outcome.subject}`,
        expected: outcome.expected,
        actual: outcome.actual,
        details: outcome.details,
        sequence: { name: run.name, seed: run.seed },
        standsFor,
        curl,
      });
    }
  }
  return failures;
}
