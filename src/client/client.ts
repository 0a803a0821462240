// The typed client: one object of small named parts. Each method names its operation and hands its arguments to
// one send (send.ts), which checks the request against the spec (request-check.ts), sends it by the way open to it
// (send-paths.ts), retries it as retry.ts and failures.ts allow, and words its errors without secrets
// (response-errors.ts); the list is read page after page by paging.ts.
import type { RawCallsClient } from "./declared-errors.js";
import type { CallsClientOptions, RequestOptions } from "./options.js";
import { callPages } from "./paging.js";
import { requestCheck } from "./request-check.js";
import { responseErrors } from "./response-errors.js";
import { createSend } from "./send.js";
import { sendPaths } from "./send-paths.js";
import type {
  Call,
  CallPage,
  CreateCallParams,
  CreateSmsMessageParams,
  ListCallsFilters,
  SmsMessage,
  UpdateCallParams,
} from "./types.js";

export const TWILIO_API_BASE_URL = "https://api.twilio.com";

/**
 * A typed client for the Calls resource. Every method throws a CallsError (TwilioApiError for HTTP errors; narrow one
 * to what its operation declares with `isTwilioError(error, "createCall")`).
 */
export interface CallsClient {
  /**
   * The underlying openapi-fetch client, for anything the methods below do not cover. Its `error` is typed per
   * declared status and Twilio code: narrow it with `switch (error.status)`.
   */
  readonly raw: RawCallsClient;
  /** Places a call (createCall). Never retried once the request may have reached the server. */
  create(params: CreateCallParams, options?: RequestOptions): Promise<Call>;
  /** Reads one call (fetchCall). */
  fetch(sid: string, options?: RequestOptions): Promise<Call>;
  /** Redirects or ends a live call (updateCall). */
  update(sid: string, params: UpdateCallParams, options?: RequestOptions): Promise<Call>;
  /** Deletes the record of a call (deleteCall). */
  remove(sid: string, options?: RequestOptions): Promise<void>;
  /** One page of calls (listCalls). */
  list(filters?: ListCallsFilters, options?: RequestOptions): Promise<CallPage>;
  /** Every page, following next_page_uri until it is null. */
  pages(filters?: ListCallsFilters, options?: RequestOptions): AsyncGenerator<CallPage, void, undefined>;
  /** Every call on every page, in order. */
  each(filters?: ListCallsFilters, options?: RequestOptions): AsyncGenerator<Call, void, undefined>;
  /**
   * Sends an SMS through the retired SMS/Messages resource (createSmsMessage): Body at most 160 characters. Never
   * retried once the request may have reached the server.
   * @deprecated Twilio replaced SMS/Messages with Messages and is reported to respond to it with 410 Gone; kept for
   * integrations and mocks that still speak it.
   */
  sendSms(params: CreateSmsMessageParams, options?: RequestOptions): Promise<SmsMessage>;
}

export function createCallsClient(options: CallsClientOptions): CallsClient {
  const baseUrl = (options.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, "");
  if (options.fetch && options.transport) throw new TypeError("pass either fetch or transport, not both");
  // The account's own path: one object, so that its check is made once per operation (request-check.ts).
  const account = { AccountSid: options.accountSid };
  const callPath = (sid: string) => ({ ...account, Sid: sid });
  const paths = sendPaths(options, baseUrl);
  const check = requestCheck(options, account);
  const send = createSend({ options, baseUrl, check, paths, errors: responseErrors(options, baseUrl) });
  const list = (filters: ListCallsFilters = {}, perCall?: RequestOptions) =>
    send<CallPage>("listCalls", { path: account, query: filters }, perCall);
  const { pages, each } = callPages(options.accountSid, list);
  return {
    raw: paths.raw,
    // The 201's type is the canonical CreatedCall (queued, no dates yet), narrower than openapi-fetch can carry
    // through its response mapping; the method promises the Call it is.
    create: (params, perCall) => send<Call>("createCall", { path: account, body: params }, perCall),
    fetch: (sid, perCall) => send<Call>("fetchCall", { path: callPath(sid) }, perCall),
    update: (sid, params, perCall) => send<Call>("updateCall", { path: callPath(sid), body: params }, perCall),
    remove: async (sid, perCall) => {
      await send("deleteCall", { path: callPath(sid) }, perCall);
    },
    sendSms: (params, perCall) => send<SmsMessage>("createSmsMessage", { path: account, body: params }, perCall),
    list,
    pages,
    each,
  };
}
