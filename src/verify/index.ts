// `calls-contract verify` as a library: which requests to send to a server, and the run that sends them one by
// one and applies every named check (checks.ts) to each response.
import { isLoopbackUrl } from "../loopback.js";
import { operations } from "../validation/index.js";
import { ALL_CHECKS, CHECKS, type CheckName, type CheckOutcome, type Exchanged } from "./checks.js";
import { type RequestCase, requestCorpus, unauthenticatedCorpus } from "./corpus.js";
import {
  type Credentials,
  DEFAULT_SEND_LIMITS,
  type Exchange,
  type SendLimits,
  send,
  writesSomething,
} from "./http.js";

export type { CheckName, CheckOutcome, Credentials, RequestCase };
export { CHECKS, requestCorpus };

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
}

/** After this many requests in a row without a response, verify stops sending: the server is not responding. */
export const NO_RESPONSE_STREAK = 3;

export interface VerifyResult {
  /** Every check of every exchange; a failed one is an error or a warning by its severity. */
  outcomes: CheckOutcome[];
  /** Cases not sent, with why. */
  skipped: Array<{ operation: string; subject: string; reason: string }>;
}

export interface PlannedRequest {
  testCase: RequestCase;
  /** Sent with the credentials; false for the cases that check a server asks for them. */
  authenticated: boolean;
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
  const runnable = plan.filter(({ testCase }) => {
    if (mayWrite || !writesSomething(testCase)) return true;
    skipped.push({
      operation: testCase.operation,
      subject: testCase.name,
      reason: "could place or change a call on a server that is not on loopback; pass --allow-writes to send it",
    });
    return false;
  });
  return { runnable, skipped };
}

async function exchangeOrFailure(
  baseUrl: string,
  credentials: Credentials | undefined,
  testCase: RequestCase,
  limits: SendLimits,
): Promise<Exchange | string> {
  try {
    return await send(baseUrl, credentials, testCase, limits);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `no response (${code ?? message})`;
  }
}

const subjectOf = ({ testCase, authenticated }: PlannedRequest) =>
  authenticated ? `${testCase.expect}s ${testCase.name}` : testCase.name;

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const { runnable, skipped } = planRequests(options.baseUrl, options.allowWrites);
  const outcomes: CheckOutcome[] = [];
  const deadline = Date.now() + (options.deadlineMs ?? 300_000);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_SEND_LIMITS.timeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_SEND_LIMITS.maxResponseBytes;
  let silentInARow = 0;
  let index = 0;
  for (const planned of runnable) {
    index += 1;
    const { testCase, authenticated } = planned;
    const left = deadline - Date.now();
    const stopped =
      left <= 0
        ? `not sent: the run's time limit of ${Math.round((options.deadlineMs ?? 300_000) / 1000)} s ran out`
        : silentInARow >= NO_RESPONSE_STREAK
          ? `not sent: the server stopped responding (${NO_RESPONSE_STREAK} requests in a row got no response)`
          : undefined;
    if (stopped) {
      skipped.push({ operation: testCase.operation, subject: subjectOf(planned), reason: stopped });
      continue;
    }
    const limits = { timeoutMs: Math.min(requestTimeoutMs, left), maxResponseBytes };
    const exchange = await exchangeOrFailure(
      options.baseUrl,
      authenticated ? options.credentials : undefined,
      testCase,
      limits,
    );
    silentInARow = typeof exchange === "string" ? silentInARow + 1 : 0;
    let produced: CheckOutcome[];
    if (typeof exchange === "string") {
      const check: CheckName = "status-declared";
      const request = `${operations[testCase.operation].method} ${testCase.operation}`;
      const failure = { expected: "an HTTP response", actual: exchange, details: [] };
      const subject = subjectOf(planned);
      produced = [
        { check, severity: "error", operation: testCase.operation, subject, request, passed: false, ...failure },
      ];
    } else {
      const exchanged: Exchanged = {
        operation: testCase.operation,
        testCase,
        authenticated,
        subject: subjectOf(planned),
        request: `${exchange.method} ${exchange.target}`,
        exchange,
      };
      produced = ALL_CHECKS.map((check) => check(exchanged)).filter((o): o is CheckOutcome => o !== undefined);
    }
    for (const outcome of produced) {
      outcomes.push(outcome);
      options.onOutcome?.(outcome, index, runnable.length);
    }
  }
  return { outcomes, skipped };
}
