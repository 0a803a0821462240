// How one attempt is cut short: by the caller's signal, or by its own time limit. A built-in transport keeps the
// time limit with a timer of its own and takes the caller's signal as it is; someone's own fetch gets one
// AbortSignal that does both. An AbortController per request measured as one of the client's larger costs.
import { isTimeout, timeoutError } from "./round-trip.js";

export interface AttemptLimit {
  /** What goes into the request's init. */
  init: { signal?: AbortSignal; timeoutMs?: number };
  /** Whether this failure is the attempt's own time limit, not the caller's abort. */
  timedOut(cause: unknown): boolean;
  /** Called once the attempt has a response or a failure. */
  settle(): void;
}

export function attemptLimit(builtIn: boolean, timeoutMs: number, callerSignal: AbortSignal | undefined): AttemptLimit {
  if (builtIn) {
    return {
      init: { signal: callerSignal, timeoutMs },
      timedOut: (cause) => isTimeout(cause) && !callerSignal?.aborted,
      settle() {},
    };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
  const relay = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", relay, { once: true });
  if (callerSignal?.aborted) relay();
  return {
    init: { signal: controller.signal },
    timedOut: () => controller.signal.aborted && !callerSignal?.aborted,
    settle() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", relay);
    },
  };
}
