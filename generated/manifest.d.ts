// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.
/** How a form or query value is read back from text into what the schema expects. */
export type FieldKind = "string" | "integer" | "boolean" | "array";

export interface OperationManifest<Id extends string = string> {
  operationId: Id;
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Validator export names; absent where the operation has no such part. A response without a body maps to null. */
  validators: { body?: string; query?: string; path: string; responses: Record<string, string | null> };
  bodyFields?: Record<string, FieldKind>;
  /** Body fields that hold a TwiML document (`x-twiml` in the spec), and which kind of TwiML. */
  twimlFields?: Record<string, "voice" | "messaging">;
  queryFields?: Record<string, FieldKind>;
  pathParams: string[];
  successStatus: number;
}

export interface WebhookManifest<Id extends string = string> {
  operationId: Id;
  validator: string;
  bodyFields: Record<string, FieldKind>;
}

export type OperationId = "listCalls" | "createCall" | "fetchCall" | "updateCall" | "deleteCall";
export type WebhookId = "statusCallback" | "recordingStatusCallback" | "asyncAmdStatusCallback" | "voiceRequest";
export declare const operations: { [Id in OperationId]: OperationManifest<Id> };
export declare const webhooks: { [Id in WebhookId]: WebhookManifest<Id> };
