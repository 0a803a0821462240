// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.
import type { ErrorObject } from "ajv";
export type FieldKind = "string" | "integer" | "boolean" | "array";
export interface OperationManifest {
  operationId: OperationId;
  method: "GET" | "POST" | "DELETE";
  path: string;
  validators: { body?: string; query?: string; path: string; responses: Record<string, string | null> };
  bodyFields?: Record<string, FieldKind>;
  queryFields?: Record<string, FieldKind>;
  pathParams: string[];
  successStatus: number;
}
export type WebhookId = "statusCallback" | "recordingStatusCallback" | "asyncAmdStatusCallback" | "voiceRequest";
export interface WebhookManifest {
  operationId: WebhookId;
  validator: string;
  bodyFields: Record<string, FieldKind>;
}
export declare const webhooks: Record<WebhookId, WebhookManifest>;
export declare const operations: Record<OperationId, OperationManifest>;
export type OperationId = "listCalls" | "createCall" | "fetchCall" | "updateCall" | "deleteCall";
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const createCall_body: CompiledValidator;
export declare const updateCall_body: CompiledValidator;
export declare const statusCallback_body: CompiledValidator;
export declare const recordingStatusCallback_body: CompiledValidator;
export declare const asyncAmdStatusCallback_body: CompiledValidator;
export declare const voiceRequest_body: CompiledValidator;
export declare const listCalls_query: CompiledValidator;
export declare const listCalls_path: CompiledValidator;
export declare const createCall_path: CompiledValidator;
export declare const fetchCall_path: CompiledValidator;
export declare const updateCall_path: CompiledValidator;
export declare const deleteCall_path: CompiledValidator;
export declare const listCalls_response_200: CompiledValidator;
export declare const listCalls_response_400: CompiledValidator;
export declare const listCalls_response_401: CompiledValidator;
export declare const listCalls_response_404: CompiledValidator;
export declare const listCalls_response_429: CompiledValidator;
export declare const createCall_response_201: CompiledValidator;
export declare const createCall_response_400: CompiledValidator;
export declare const createCall_response_401: CompiledValidator;
export declare const createCall_response_404: CompiledValidator;
export declare const createCall_response_429: CompiledValidator;
export declare const fetchCall_response_200: CompiledValidator;
export declare const fetchCall_response_400: CompiledValidator;
export declare const fetchCall_response_401: CompiledValidator;
export declare const fetchCall_response_404: CompiledValidator;
export declare const fetchCall_response_429: CompiledValidator;
export declare const updateCall_response_200: CompiledValidator;
export declare const updateCall_response_400: CompiledValidator;
export declare const updateCall_response_401: CompiledValidator;
export declare const updateCall_response_404: CompiledValidator;
export declare const updateCall_response_429: CompiledValidator;
export declare const deleteCall_response_400: CompiledValidator;
export declare const deleteCall_response_401: CompiledValidator;
export declare const deleteCall_response_404: CompiledValidator;
export declare const deleteCall_response_429: CompiledValidator;
