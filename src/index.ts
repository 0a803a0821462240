export * from "./client/index.js";
export type { TwimlKind, TwimlOptions, TwimlResult, TwimlViolation } from "./twiml/index.js";
export { validateTwiml } from "./twiml/index.js";
export type { FormInput, Location, OperationId, ValidationResult, Violation, WebhookId } from "./validation/index.js";
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
export type {
  AsyncAmdStatusPayload,
  IncomingWebhook,
  LegacyVoiceRequestPayload,
  RecordingStatusCallbackPayload,
  StatusCallbackPayload,
  VoiceRequestPayload,
  WebhookPayloads,
} from "./webhooks.js";
export { computeSignature, isValidSignature, parseWebhook, WebhookError } from "./webhooks.js";
