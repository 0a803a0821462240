// The package's main entry: what a user of the Calls API needs, grouped by what it is for. The lean entries
// (`calls-contract/client`, `/mock`, `/verify`, `/verify-app`) serve one tool each;
// contract-tests/package/surface.test.ts lists every name, so that a change to what the package offers shows as a diff.

// The typed client, its errors (typed per operation, status and Twilio code), pacing and transports.
export type {
  CallQueue,
  CallQueueOptions,
  CallsClient,
  CallsClientOptions,
  CallsErrorKind,
  Fetch,
  HttpTransportOptions,
  OperationError,
  RequestOptions,
  RetryOptions,
  TransportKind,
  TwilioErrorCode,
  TwilioErrorWithCode,
} from "./client/index.js";
export {
  CallsError,
  createCallQueue,
  createCallsClient,
  createHttpTransport,
  encodeForm,
  isTwilioError,
  TWILIO_API_BASE_URL,
  TwilioApiError,
} from "./client/index.js";

// The spec's types under friendly names, and the generated ones whole.
export type {
  AnsweredBy,
  Call,
  CallDirection,
  CallPage,
  CallStatus,
  CreateCallParams,
  CreateSmsMessageParams,
  components,
  ListCallsFilters,
  operations,
  paths,
  SmsMessage,
  TwilioErrorBody,
  UpdateCallParams,
} from "./client/types.js";

// TwiML checked as a language.
export type { TwimlKind, TwimlOptions, TwimlResult, TwimlViolation } from "./twiml/index.js";
export { validateTwiml } from "./twiml/index.js";

// Validators: requests, responses and webhooks held to the spec, each violation in words.
export type {
  FormInput,
  Location,
  OperationId,
  Severity,
  ValidationResult,
  Violation,
  WebhookId,
} from "./validation/index.js";
export {
  validateBody,
  validateCall,
  validateCallPage,
  validateCreateCallRequest,
  validateLegacyCall,
  validateLegacyError,
  validateListCallsQuery,
  validatePathParams,
  validateQuery,
  validateResponse,
  validateSmsMessage,
  validateTwilioError,
  validateUpdateCallRequest,
  validateWebhook,
} from "./validation/index.js";
// Sending an app what Twilio sends it, as Twilio delivers it: the URL's connection overrides, retries with one
// idempotency token, and an event duplicated or held back on request (what the mock's callbacks go through).
export type {
  ConnectionOverrides,
  DeliveryAttempt,
  DeliveryOptions,
  DeliveryOutcome,
  DeliveryVariation,
  SharedKey,
  WebhookRequest,
} from "./webhook-delivery.js";
export { deliverWebhook, IDEMPOTENCY_TOKEN_HEADER, readConnectionOverrides } from "./webhook-delivery.js";
// What Twilio sends an app: signatures and typed payloads.
export type {
  AsyncAmdStatusPayload,
  IncomingSmsPayload,
  IncomingWebhook,
  LegacyVoiceRequestPayload,
  RecordingStatusCallbackPayload,
  SignatureAlgorithm,
  SmsStatusCallbackPayload,
  StatusCallbackPayload,
  VoiceRequestPayload,
  WebhookPayloads,
} from "./webhooks.js";
export {
  computeSignature,
  isValidSignature,
  parseWebhook,
  SIGNATURE_SETTINGS_HEADER,
  WebhookError,
} from "./webhooks.js";
