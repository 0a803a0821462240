// The lean entry: the client, its errors (typed per operation, status and Twilio code), the queue and the
// transport. Validators load on the first request.

export { encodeForm } from "../form.js";
export type { CallsClient } from "./client.js";
export { createCallsClient, TWILIO_API_BASE_URL } from "./client.js";
export type { OperationError, TwilioErrorCode, TwilioErrorWithCode } from "./declared-errors.js";
export { isTwilioError } from "./declared-errors.js";
export type { CallsErrorKind } from "./errors.js";
export { CallsError, TwilioApiError } from "./errors.js";
export type { CallsClientOptions, RequestOptions } from "./options.js";
export type { CallQueue, CallQueueOptions } from "./queue.js";
export { createCallQueue } from "./queue.js";
export type { RetryOptions } from "./retry.js";
export type { Fetch, HttpTransportOptions, TransportKind } from "./transport.js";
export { createHttpTransport } from "./transport.js";
export type * from "./types.js";
