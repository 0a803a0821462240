// One event delivered to an app as Twilio delivers it: attempts bounded by the connection overrides (ct for the
// connection, rt for each silence of the server, tt for all attempts together), a failed attempt tried again up to
// rc times when rp names its failure (a connection that failed, a read that timed out, a 4xx, a 5xx), every attempt
// carrying the same I-Twilio-Idempotency-Token. Twilio's attempts follow one another at once (its 11202 page: "our
// two connection attempts"; 11205: two 5-second attempts within 10 s), so a retry takes no time of its own. Two
// variations rehearse what an app must survive: the event delivered again (the same token) and the event held back
// so that a later one arrives first (a status callback's SequenceNumber orders them).
import { type ExchangePhase, type ExchangeResponse, exchange, ResponseTooLargeError } from "../http-exchange.js";
import type { RetryOn } from "./overrides.js";
import { IDEMPOTENCY_TOKEN_HEADER, type SignedWebhook } from "./signing.js";

export interface DeliveryLimits {
  /** The whole exchange's deadline. */
  timeoutMs: number;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** How much of the response's body to read; 0 reads none (Twilio reads only a callback's status). */
  maxResponseBytes: number;
}

export interface Delivered extends ExchangeResponse {
  /** From sending the request to the end of what was read of the response. */
  elapsedMs: number;
}

/** Sends a signed request and says how it went; the simulator's tests may put another sender in its place. */
export type WebhookSender = (signed: SignedWebhook, limits: DeliveryLimits) => Promise<Delivered>;

/** Sends a signed request once and reads its response within the limits; rejects when there was no response. */
export async function sendSigned(signed: SignedWebhook, limits: DeliveryLimits): Promise<Delivered> {
  const started = performance.now();
  // Redirects are not followed: a rule about where requests may go was checked for this URL, not for a 3xx's.
  const response = await exchange(signed.target, {
    method: signed.method,
    headers: signed.headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
    ...limits,
  });
  return { ...response, elapsedMs: performance.now() - started };
}

/** Ways to deliver an event other than once and in order: what Twilio's delivery can do to an app. */
export interface DeliveryVariation {
  /** Delivers the event this many more times once its delivery ends, each with the same idempotency token. */
  copies?: number;
  /** Waits this long (on the delivery's clock) before the first attempt, so that later events go first. */
  holdBackMs?: number;
}

export interface DeliveryOptions extends DeliveryVariation {
  maxResponseBytes: number;
  send?: WebhookSender;
  /** Waits on the caller's clock (the stateful mock's); real time by default. */
  wait?: (ms: number) => Promise<void>;
  /** A bound on every attempt together below tt's (verify-app's time limit). */
  timeCapMs?: number;
}

/** One request sent and what came of it. */
export interface DeliveryAttempt {
  status?: number;
  /** Why there was no response: the error's code. */
  error?: string;
  /** The failure rp may name, when the attempt failed. */
  failure?: RetryOn;
  elapsedMs: number;
  /** Set on every copy of a duplicated event. */
  duplicate?: true;
}

export interface DeliveryOutcome {
  /** The event's I-Twilio-Idempotency-Token. */
  token: string;
  /** Every request sent, retries and duplicate included, in order. */
  attempts: DeliveryAttempt[];
  /** The last response of the event's delivery (its duplicate aside), if there was one. */
  response?: Delivered;
  /** Why the last attempt brought no response. */
  error?: unknown;
  /** Twilio's code when it gave up with no response: 11203 (a tt the URL set ran out), 11243 (an rp it does not know). */
  code?: 11203 | 11243;
}

const NO_CONNECTION: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TOTAL_TIMEOUT = 11203;

/** Which failure of rp's an attempt had, if it failed. */
function failureOf(status: number | undefined, error: unknown): RetryOn | undefined {
  if (status !== undefined) return status >= 500 ? "5xx" : status >= 400 ? "4xx" : undefined;
  if (error instanceof ResponseTooLargeError) return undefined;
  const { phase, code } = error as { phase?: ExchangePhase; code?: string };
  if (phase !== undefined) return phase === "read" ? "rt" : "ct";
  // A sender that does not say the phase (a test's): the codes of a connection that was never made are ct's.
  return code !== undefined && NO_CONNECTION.has(code) ? "ct" : "rt";
}

async function attemptOnce(signed: SignedWebhook, send: WebhookSender, limits: DeliveryLimits) {
  const started = performance.now();
  try {
    const response = await send(signed, limits);
    const attempt: DeliveryAttempt = { status: response.status, elapsedMs: response.elapsedMs };
    const failure = failureOf(response.status, undefined);
    return { attempt: failure ? { ...attempt, failure } : attempt, response };
  } catch (error) {
    const elapsedMs = performance.now() - started;
    const { code, name } = error as { code?: string; name?: string };
    const failure = failureOf(undefined, error);
    const attempt: DeliveryAttempt = { error: code ?? name ?? String(error), elapsedMs };
    return { attempt: failure ? { ...attempt, failure } : attempt, error };
  }
}

/** The attempts of one delivery, retried as rc and rp say, within tt. */
async function attemptAll(signed: SignedWebhook, options: DeliveryOptions, token: string): Promise<DeliveryOutcome> {
  const { overrides } = signed;
  const send = options.send ?? sendSigned;
  const attempts: DeliveryAttempt[] = [];
  let budget = Math.min(overrides.totalTimeoutMs, options.timeCapMs ?? Number.POSITIVE_INFINITY);
  for (let tried = 0; ; tried++) {
    const limits: DeliveryLimits = {
      timeoutMs: budget,
      connectTimeoutMs: Math.min(overrides.connectTimeoutMs, budget),
      readTimeoutMs: overrides.readTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    };
    const one = await attemptOnce(signed, send, limits);
    attempts.push(one.attempt);
    budget -= one.attempt.elapsedMs;
    const outcome: DeliveryOutcome = {
      token,
      attempts,
      ...(one.response ? { response: one.response } : { error: one.error }),
    };
    const { failure } = one.attempt;
    const retried = failure !== undefined && tried < overrides.retryCount && overrides.retryPolicy.has(failure);
    // tt bounds every attempt together: once it has run out with no response, Twilio gives up with 11203.
    const ranOut = budget <= 0 && !one.response && overrides.totalTimeoutGiven;
    if (budget <= 0 || !retried) return ranOut ? { ...outcome, code: TOTAL_TIMEOUT } : outcome;
  }
}

/** Delivers a signed request as one event: held back, retried and duplicated as asked. */
export async function deliverSigned(signed: SignedWebhook, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const token = signed.headers[IDEMPOTENCY_TOKEN_HEADER] ?? "";
  if (signed.refused) {
    const error = Object.assign(new Error(signed.refused.reason), { code: "EOVERRIDE" });
    return { token, attempts: [], error, code: signed.refused.code };
  }
  if (options.holdBackMs !== undefined && options.holdBackMs > 0) await (options.wait ?? realWait)(options.holdBackMs);
  const outcome = await attemptAll(signed, options, token);
  const overrides = { ...signed.overrides, retryCount: 0 };
  const attempts = [...outcome.attempts];
  for (let copy = 0; copy < (options.copies ?? 0); copy++) {
    const again = await attemptAll({ ...signed, overrides }, options, token);
    attempts.push(...again.attempts.map((a) => ({ ...a, duplicate: true as const })));
  }
  return { ...outcome, attempts };
}
