// One round trip, as each built-in transport makes it: a request sent and its response read, the body already in
// memory both ways, the response read up to a limit, and every failure marked with whether the request may have
// reached the server (that decides whether a create may be tried again).
import type { IncomingHttpHeaders } from "node:http";

/** Set on errors from this transport: false only when nothing of the request was sent to the server. */
export const MAY_HAVE_REACHED_SERVER = Symbol("mayHaveReachedServer");

/** What a transport sends: the body already in memory, headers as one object. */
export interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  signal: AbortSignal | undefined;
  /** The attempt's time limit, kept by the transport's own timer (cheaper than an AbortSignal per request). */
  timeoutMs: number | undefined;
}

/** What a transport read: the whole body, at most maxResponseBytes of it. */
export interface Incoming {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  payload: Buffer<ArrayBuffer>;
}

/**
 * Sends one request and reads its response. It rejects with a ResponseTooLargeError past the size limit, and tags
 * every other failure with MAY_HAVE_REACHED_SERVER.
 */
export type RoundTrip = (request: Outgoing) => Promise<Incoming>;

export interface RoundTripOptions {
  maxSockets: number;
  maxResponseBytes: number;
}

/** Marks an error with whether the request may have reached the server, and returns it. */
export function tagged(error: unknown, mayHaveReached: boolean): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  return Object.assign(e, { [MAY_HAVE_REACHED_SERVER]: mayHaveReached });
}

const TIMED_OUT = Symbol("timedOut");

/** The error a request fails with when its time limit passes. */
export function timeoutError(timeoutMs: number): Error {
  return Object.assign(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"), { [TIMED_OUT]: true });
}

/** True for the error of a time limit kept by a built-in transport. */
export function isTimeout(error: unknown): boolean {
  return (error as Record<symbol, unknown> | null | undefined)?.[TIMED_OUT] === true;
}

/**
 * The error an aborted request fails with: an AbortError of its own, with the signal's reason as its cause and
 * message. Its own, because one signal may abort several requests and each is tagged with where it had got to.
 */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  const message = reason instanceof Error ? reason.message : String(reason);
  return Object.assign(new DOMException(message, "AbortError"), { cause: reason });
}
