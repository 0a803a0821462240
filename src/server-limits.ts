// The time limits of every HTTP server the project runs (the mock's front layer and the recording proxy): one
// client that sends its headers a byte a minute must not hold a socket for ever, on either.
import type { ServerOptions } from "node:http";

export interface ServerTimeLimits {
  /** Time for a whole request, headers and body. */
  requestTimeoutMs: number;
  /** Time for the request's headers. */
  headersTimeoutMs: number;
}

export const SERVER_TIME_LIMITS: ServerTimeLimits = { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 };

/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_MS = 5000;

/** The options `createServer` takes for these limits. */
export function serverTimeouts(limits: ServerTimeLimits = SERVER_TIME_LIMITS): ServerOptions {
  const { requestTimeoutMs, headersTimeoutMs } = limits;
  // Node checks these limits on an interval (30 s by default); check often enough for them to mean something.
  const connectionsCheckingInterval = Math.max(100, Math.min(1000, headersTimeoutMs / 4, requestTimeoutMs / 4));
  return { requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, connectionsCheckingInterval };
}
