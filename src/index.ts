export * from "./client/index.js";
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
} from "./validation/index.js";
export type { FormInput, Location, OperationId, ValidationResult, Violation } from "./validation/index.js";
export { validateWebhook } from "./validation/index.js";
export type { WebhookId } from "./validation/index.js";
export { computeSignature, isValidSignature, parseWebhook, WebhookError } from "./webhooks.js";
export type { AsyncAmdStatusPayload, IncomingWebhook, RecordingStatusCallbackPayload, StatusCallbackPayload, VoiceRequestPayload, WebhookPayloads } from "./webhooks.js";
