// verify's bounds on a server it does not trust, in a module that imports nothing, so that the CLI's help reads them
// without loading the run (verify-app keeps the same stop after silent requests).

/** How verify talks to a server it does not trust. */
export interface SendLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

/** One request's time limit and the most of one response's body that is read. */
export const DEFAULT_SEND_LIMITS: SendLimits = { timeoutMs: 15_000, maxResponseBytes: 10 * 1024 * 1024 };

/** After this many requests in a row without a response, verify stops sending: the server is not responding. */
export const NO_RESPONSE_STREAK = 3;
