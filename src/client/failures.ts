// What a failed request means for the caller: did it possibly reach the server (so a create may have placed a
// call), and how to word the error. Retrying a create that may have reached Twilio could place a call twice.
import { ResponseTooLargeError } from "../http-exchange.js";
import { CallsError, type CallsErrorKind } from "./errors.js";
import { MAY_HAVE_REACHED_SERVER } from "./round-trip.js";
import { MalformedResponseError } from "./transport.js";

// Error codes that mean no connection was made, for fetch implementations that do not tag their errors.
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** The most specific code a failure carries: its cause's code, its own, or its name. */
export function failureCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string }; name?: string } | null | undefined;
  return e?.cause?.code ?? e?.code ?? e?.name;
}

/** False only when the failure shows that nothing was sent: the transport says so, or the code means no connection. */
export function mayHaveReachedServer(error: unknown): boolean {
  const tagged = (error as Record<symbol, unknown> | null | undefined)?.[MAY_HAVE_REACHED_SERVER];
  if (typeof tagged === "boolean") return tagged;
  return !NEVER_CONNECTED.has(failureCode(error) ?? "");
}

export interface Failure {
  operation: string;
  baseUrl: string;
  cause: unknown;
  attempts: number;
  timeoutMs: number;
  /** The caller's own signal fired. */
  aborted: boolean;
  /** This attempt's time limit fired. */
  timedOut: boolean;
}

const PLACED_ADVICE = [
  "; the request may have reached Twilio, so the call may or may not have been placed.",
  "It was not retried: look for it with listCalls by To (a queued call has no start_time yet: compare date_created) before placing it again",
].join(" ");

/** The CallsError for a request that got no response; `mayHaveBeenPlaced` is set for creates only. */
export function failureError(failure: Failure): CallsError {
  const { operation, baseUrl, cause, attempts } = failure;
  const placed = operation === "createCall" ? mayHaveReachedServer(cause) : undefined;
  const details = { cause, attempts, mayHaveBeenPlaced: placed };
  if (failure.aborted) {
    const maybe = placed ? "; the call may or may not have been placed" : "";
    return new CallsError("aborted", `${operation}: aborted by the caller${maybe}`, details);
  }
  const kind: CallsErrorKind = failure.timedOut ? "timeout" : "network";
  const what = failure.timedOut
    ? `no response from ${baseUrl} within ${failure.timeoutMs} ms`
    : `no response from ${baseUrl} (${failureCode(cause) ?? "network error"})`;
  const tries = `after ${attempts} attempt${attempts > 1 ? "s" : ""}`;
  return new CallsError(kind, `${operation}: ${what} ${tries}${placed ? PLACED_ADVICE : ""}`, details);
}

/**
 * Why a response that did arrive cannot be used (too large, or a success body that is not JSON), or undefined.
 * Such a request reached the server and got a response: it is never retried.
 */
export function unusableResponse(cause: unknown): string | undefined {
  if (cause instanceof ResponseTooLargeError) return `${cause.message} (raise maxResponseBytes to read it)`;
  if (cause instanceof MalformedResponseError) return cause.message;
  if (cause instanceof SyntaxError) return "the server responded with a body that is not JSON";
  return undefined;
}
