// What a client is made with, and what each request may change of it. Every module of the client reads its part
// of these (a Pick of CallsClientOptions), so each option is described once.
import type { Violation } from "../validation/index.js";
import type { RetryOptions } from "./retry.js";
import type { Fetch, TransportKind } from "./transport.js";

export interface CallsClientOptions {
  /** AC followed by 32 hex digits; also the user name of HTTP Basic auth. */
  accountSid: string;
  /** The account's auth token. Sent only in the Authorization header; never part of an error or log line. */
  authToken: string;
  /** Defaults to https://api.twilio.com. Point it at the local mock or a recording proxy. */
  baseUrl?: string;
  /** A fetch-compatible function of your own, in place of the built-in transport. */
  fetch?: Fetch;
  /**
   * The built-in transport: "undici" (default; loaded on the first request) or "node" (node:http and node:https).
   * Both keep connections alive, read at most maxResponseBytes, follow no redirect and inflate nothing.
   */
  transport?: TransportKind;
  /** Check every request against the spec before sending it (default true): a request it rejects never leaves. */
  validate?: boolean;
  /**
   * Receives the warnings of a request that is sent anyway: what Twilio accepts but the contract's advisory rules
   * advise against (a number with separators, several events in one value). Warnings never block a request.
   */
  onWarning?: (warnings: Violation[]) => void;
  /** Per-attempt time limit. Defaults to 30 s. */
  timeoutMs?: number;
  /** The most of one response's body the built-in transport reads; a larger response fails. Defaults to 10 MiB. */
  maxResponseBytes?: number;
  /** Retries of 429 and 503 responses, and of reads that failed on the network. */
  retry?: RetryOptions;
}

/** Per request: a signal to abort it and a time limit that overrides the client's. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}
