export * from "./client-entry.js";
export {
  validateBody,
  validateCall,
  validateCallPage,
  validateCreateCallRequest,
  validateListCallsQuery,
  validatePathParams,
  validateQuery,
  validateResponse,
  validateTwilioError,
  validateUpdateCallRequest,
} from "./validators.js";
export type { FormInput, Location, OperationId, ValidationResult, Violation } from "./validators.js";
export { validateWebhook } from "./validators.js";
export type { WebhookId } from "./validators.js";
export { computeSignature, isValidSignature, parseWebhook, WebhookError } from "./webhooks.js";
export type { AsyncAmdStatusPayload, IncomingWebhook, RecordingStatusCallbackPayload, StatusCallbackPayload, VoiceRequestPayload, WebhookPayloads } from "./webhooks.js";
