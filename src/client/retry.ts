// When a request is tried again, and how long the client waits first. Only 429 and 503 responses are retried by
// status; what a network failure allows is decided in failures.ts.

export interface RetryOptions {
  /** Attempts in all, the first included. Defaults to 3; 1 turns retries off. */
  maxAttempts?: number;
  /** First backoff step; doubles each attempt, with jitter. Defaults to 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait. Defaults to 8 s. */
  maxDelayMs?: number;
  /** No retry starts once this much time has passed since the first attempt. Defaults to 30 s. */
  maxTotalMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: a number in [0, 1) for the jitter. */
  random?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

/** Statuses that say "try again later": too many requests, and a server briefly unavailable. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8000,
    maxTotalMs: options.maxTotalMs ?? 30_000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
}

/** Exponential backoff with equal jitter: between half the step's ceiling and the ceiling. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** A Retry-After header (delay in seconds, or an HTTP date) in milliseconds from now; undefined when unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** True while another attempt fits: attempts are left and the wait ends within the total time budget. */
export function mayTryAgain(policy: RetryPolicy, attempt: number, elapsedMs: number, waitMs: number): boolean {
  return attempt < policy.maxAttempts && elapsedMs + waitMs <= policy.maxTotalMs;
}
