// What the front layer hands a responder (Prism's engine, the stateful store, legacy.ts for the retired
// operations) and the response it writes back. Its own module so that the front layer and the responders import
// it, not each other.
import type { IncomingMessage } from "node:http";
import type { OperationId } from "../validation/index.js";

/** A response the front layer or a responder writes: a status, headers, and a body already serialised. */
export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): MockResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A request that passed every check: what a responder needs to respond to it. */
export interface AcceptedRequest {
  operationId: OperationId;
  method: string;
  /** Path and query as sent. */
  target: string;
  headers: IncomingMessage["headers"];
  /** The raw body text, for a responder that re-reads it (Prism). */
  body: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** Query parameters and form body as the validators decoded them. */
  query: Record<string, unknown>;
  form: Record<string, unknown> | undefined;
  /** The password of the Basic credentials: callbacks are signed with it. Never logged. */
  authToken: string;
  /**
   * The user of the Basic credentials: an account SID, or an API key SID. The front layer always sets it; a request
   * built in the process without it is taken as the path's account's own.
   */
  authUser?: string;
}

export type Responder = (request: AcceptedRequest) => Promise<MockResponse>;
