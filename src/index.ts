export { createCallsClient, TWILIO_API_BASE_URL } from "./client.js";
export type { CallsClient, CallsClientOptions } from "./client.js";
export { CallsError, TwilioApiError } from "./errors.js";
export type { CallsErrorKind } from "./errors.js";
export { encodeForm } from "./form.js";
export type * from "./types.js";
