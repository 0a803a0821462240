// One request, from a method's arguments to its result: the client-side check, then attempts, each cut short by
// its time limit, tried again as retry.ts and failures.ts allow, until a response settles it. Every method of the
// client is one call of this.
import { type OperationId, operations } from "../../generated/manifest.js";
import { type AttemptLimit, attemptLimit } from "./attempt.js";
import type { Outcome } from "./direct.js";
import { failureError, mayHaveReachedServer } from "./failures.js";
import type { CallsClientOptions, RequestOptions } from "./options.js";
import type { RequestCheck, RequestParts } from "./request-check.js";
import type { ResponseErrors } from "./response-errors.js";
import { backoffMs, mayTryAgain, RETRIED_STATUSES, retryAfterMs, retryPolicy } from "./retry.js";
import type { SendPaths } from "./send-paths.js";
import { MalformedResponseError } from "./transport.js";

/** Sends an operation's request and returns the response's body; throws a CallsError when there is none to return. */
export type Send = <T>(operation: OperationId, parts: RequestParts, perCall?: RequestOptions) => Promise<T>;

export interface SendModules {
  options: Pick<CallsClientOptions, "timeoutMs" | "retry">;
  baseUrl: string;
  check: RequestCheck;
  paths: SendPaths;
  errors: ResponseErrors;
}

/** A request being sent: what its attempts share. */
interface Pending {
  operation: OperationId;
  /** Tried again after a network failure even when it may have reached the server. */
  idempotent: boolean;
  signal: AbortSignal | undefined;
  started: number;
  timeoutMs: number;
}

export function createSend({ options, baseUrl, check, paths, errors }: SendModules): Send {
  const policy = retryPolicy(options.retry);

  /** The wait before the next attempt after one that got no usable response; throws when there is none. */
  function waitAfterFailure(request: Pending, attempts: number, cause: unknown, limit: AttemptLimit): number {
    const unusable = errors.unusable(request.operation, cause, attempts);
    if (unusable) throw unusable;
    const aborted = request.signal?.aborted === true;
    const wait = backoffMs(policy, attempts);
    const retryable = request.idempotent || !mayHaveReachedServer(cause);
    if (!aborted && retryable && mayTryAgain(policy, attempts, Date.now() - request.started, wait)) return wait;
    const { operation, timeoutMs } = request;
    const timedOut = limit.timedOut(cause);
    throw failureError({ operation, baseUrl, cause, attempts, timeoutMs, aborted, timedOut });
  }

  /** The wait before the next attempt after a 429 or 503 that leaves time for one; undefined when the response stands. */
  function waitAfterResponse(request: Pending, attempts: number, response: Response): number | undefined {
    if (!RETRIED_STATUSES.has(response.status)) return undefined;
    const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(policy, attempts);
    return mayTryAgain(policy, attempts, Date.now() - request.started, wait) ? wait : undefined;
  }

  return async function send<T>(operation: OperationId, parts: RequestParts, perCall: RequestOptions = {}) {
    await check(operation, parts);
    const secrets = errors.secretsOf(parts.body);
    const request: Pending = {
      operation,
      // GET and DELETE may be repeated; a POST that may have reached the server could place a call twice.
      idempotent: operations[operation].method !== "POST",
      signal: perCall.signal,
      started: Date.now(),
      timeoutMs: perCall.timeoutMs ?? options.timeoutMs ?? 30_000,
    };
    for (let attempts = 1; ; attempts++) {
      const limit = attemptLimit(paths.builtIn, request.timeoutMs, request.signal);
      let outcome: Outcome;
      try {
        outcome = await paths.attempt(operation, parts, limit.init);
        // Every success but deleteCall's 204 is a JSON resource: an empty one is no Call, though the call may exist.
        if (outcome.response.ok && outcome.response.status !== 204 && outcome.data === undefined) {
          throw new MalformedResponseError(outcome.response.status, "");
        }
      } catch (cause) {
        limit.settle();
        await policy.sleep(waitAfterFailure(request, attempts, cause, limit));
        continue;
      }
      limit.settle();
      const wait = waitAfterResponse(request, attempts, outcome.response);
      if (wait !== undefined) {
        await policy.sleep(wait);
        continue;
      }
      if (outcome.response.ok) return outcome.data as T;
      throw errors.httpError(operation, outcome, secrets, attempts);
    }
  };
}
