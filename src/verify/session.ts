// One verify run's sending: each planned request sent within the run's limits, every exchange check applied to its
// response, every outcome kept in order. The fixed corpus, the generated phases and the stateful sequences all send
// through one session, so that the time limit, the stop after silent requests and the progress count are the run's.
import { operations } from "../validation/index.js";
import { ALL_CHECKS, type CheckName, type CheckOutcome, type Exchanged } from "./checks.js";
import type { RequestCase } from "./corpus.js";
import { type Credentials, DEFAULT_SEND_LIMITS, type Exchange, send, writesSomething } from "./http.js";
import { NO_RESPONSE_STREAK } from "./limits.js";

export { NO_RESPONSE_STREAK };

export interface PlannedRequest {
  testCase: RequestCase;
  /** Sent with the credentials; false for the cases that check a server asks for them. */
  authenticated: boolean;
}

export interface Skipped {
  operation: string;
  subject: string;
  reason: string;
}

/**
 * The planned requests that may be sent: every read, and writes only where `mayWrite`; each write held back is
 * listed in `skipped`, with `reason`.
 */
export function withoutHeldWrites(
  planned: PlannedRequest[],
  mayWrite: boolean,
  reason: string,
  skipped: Skipped[],
): PlannedRequest[] {
  return planned.filter(({ testCase }) => {
    if (mayWrite || !writesSomething(testCase)) return true;
    skipped.push({ operation: testCase.operation, subject: testCase.name, reason });
    return false;
  });
}

export interface SessionOptions {
  baseUrl: string;
  onOutcome?: (outcome: CheckOutcome, index: number, total: number) => void;
  deadlineMs?: number;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Told of every request sent and what came back (coverage counts them). */
  onSent?: (planned: PlannedRequest, sent: Sent) => void;
}

export interface Sent {
  exchange?: Exchange;
  /** The outcomes of the exchange checks on this request. */
  outcomes: CheckOutcome[];
}

export const subjectOf = ({ testCase, authenticated }: PlannedRequest) =>
  authenticated ? `${testCase.expect}s ${testCase.name}` : testCase.name;

export type Session = ReturnType<typeof createSession>;

export function createSession(options: SessionOptions) {
  const outcomes: CheckOutcome[] = [];
  const skipped: Skipped[] = [];
  const deadlineMs = options.deadlineMs ?? 300_000;
  const deadline = Date.now() + deadlineMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_SEND_LIMITS.timeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_SEND_LIMITS.maxResponseBytes;
  let silentInARow = 0;
  let index = 0;
  let total = 0;
  const record = (outcome: CheckOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome, index, Math.max(total, index));
  };
  const stopReason = (): string | undefined =>
    Date.now() >= deadline
      ? `not sent: the run's time limit of ${Math.round(deadlineMs / 1000)} s ran out`
      : silentInARow >= NO_RESPONSE_STREAK
        ? `not sent: the server stopped responding (${NO_RESPONSE_STREAK} requests in a row got no response)`
        : undefined;
  return {
    outcomes,
    skipped,
    record,
    stopReason,
    /** Adds to the count of requests the progress line shows as the run's total. */
    expect(requests: number) {
      total += requests;
    },
    skip(entry: Skipped) {
      skipped.push(entry);
    },
    /** Sends one request as `credentials` (none for the unauthenticated cases) and applies every exchange check. */
    async send(planned: PlannedRequest, credentials: Credentials | undefined): Promise<Sent> {
      index += 1;
      const stopped = stopReason();
      if (stopped) {
        skipped.push({ operation: planned.testCase.operation, subject: subjectOf(planned), reason: stopped });
        return { outcomes: [] };
      }
      const sent = await exchangeOnce(planned, credentials);
      for (const outcome of sent.outcomes) record(outcome);
      options.onSent?.(planned, sent);
      return sent;
    },
    /**
     * Sends a request again to learn its outcomes (shrinking), within the run's time limit and silent streak, but
     * apart from the run's outcomes, progress and coverage; undefined once the run has stopped sending.
     */
    async probe(planned: PlannedRequest, credentials: Credentials | undefined): Promise<CheckOutcome[] | undefined> {
      if (stopReason()) return undefined;
      return (await exchangeOnce(planned, credentials)).outcomes;
    },
  };

  async function exchangeOnce(planned: PlannedRequest, credentials: Credentials | undefined): Promise<Sent> {
    const limits = { timeoutMs: Math.min(requestTimeoutMs, deadline - Date.now()), maxResponseBytes };
    let exchange: Exchange | string;
    try {
      exchange = await send(options.baseUrl, planned.authenticated ? credentials : undefined, planned.testCase, limits);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      exchange = `no response (${code ?? message})`;
    }
    silentInARow = typeof exchange === "string" ? silentInARow + 1 : 0;
    return typeof exchange === "string"
      ? { outcomes: [noResponse(planned, exchange)] }
      : { exchange, outcomes: checksOf(planned, exchange) };
  }
}

function noResponse(planned: PlannedRequest, actual: string): CheckOutcome {
  const { testCase } = planned;
  const check: CheckName = "status-declared";
  const request = `${operations[testCase.operation].method} ${testCase.operation}`;
  const subject = subjectOf(planned);
  return {
    check,
    severity: "error",
    operation: testCase.operation,
    subject,
    request,
    passed: false,
    expected: "an HTTP response",
    actual,
    details: [],
  };
}

function checksOf(planned: PlannedRequest, exchange: Exchange): CheckOutcome[] {
  const exchanged: Exchanged = {
    operation: planned.testCase.operation,
    testCase: planned.testCase,
    authenticated: planned.authenticated,
    subject: subjectOf(planned),
    request: `${exchange.method} ${exchange.target}`,
    exchange,
  };
  return ALL_CHECKS.map((check) => check(exchanged)).filter((o): o is CheckOutcome => o !== undefined);
}
