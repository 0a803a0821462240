// What the proxy reads, keeps and waits for. The server's own time limits (headers, whole request, keep-alive) are
// src/server-limits.ts, shared with the mock.

export interface ProxyLimits {
  /** The largest request body read and checked. Defaults to 1 MiB, as the mock. */
  maxBodyBytes: number;
  /** The most of a response's body kept for the checks. Defaults to 10 MiB, as verify. */
  maxResponseBytes: number;
  /** Time for the exchange with the target. Defaults to 30 s. */
  timeoutMs: number;
}

export const DEFAULT_PROXY_LIMITS: ProxyLimits = {
  maxBodyBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
  timeoutMs: 30_000,
};
