// Generated from openapi/mock-admin.yaml by `npm run generate`. Do not edit by hand.
import type { CompiledValidator } from "./validators.cjs";
export type { CompiledValidator, ErrorObject } from "./validators.cjs";
export type AdminOperationId = "getClock" | "advanceClock" | "reset" | "getState" | "getJournal" | "getEvents" | "setAccount" | "setNumber" | "setApplication" | "placeInboundCall" | "getTimeline" | "setCallOutcome" | "pressDigits" | "saySpeech" | "hangUp" | "receiveText" | "getText" | "setOutcomeForTo" | "listFaults" | "addFault" | "clearFaults" | "deleteFault";
/** One admin operation as the mock routes it: its method, its path under /__mock/api, and its validators. */
export interface AdminRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  validators: { path?: string; query?: string; body?: string };
}
export declare const operations: Record<AdminOperationId, AdminRoute>;
export declare const advanceClock_body: CompiledValidator;
export declare const reset_body: CompiledValidator;
export declare const getState_query: CompiledValidator;
export declare const getJournal_query: CompiledValidator;
export declare const setAccount_path: CompiledValidator;
export declare const setAccount_body: CompiledValidator;
export declare const setNumber_path: CompiledValidator;
export declare const setNumber_body: CompiledValidator;
export declare const setApplication_path: CompiledValidator;
export declare const setApplication_body: CompiledValidator;
export declare const placeInboundCall_path: CompiledValidator;
export declare const placeInboundCall_body: CompiledValidator;
export declare const getTimeline_path: CompiledValidator;
export declare const setCallOutcome_path: CompiledValidator;
export declare const setCallOutcome_body: CompiledValidator;
export declare const pressDigits_path: CompiledValidator;
export declare const pressDigits_body: CompiledValidator;
export declare const saySpeech_path: CompiledValidator;
export declare const saySpeech_body: CompiledValidator;
export declare const hangUp_path: CompiledValidator;
export declare const receiveText_path: CompiledValidator;
export declare const receiveText_body: CompiledValidator;
export declare const getText_path: CompiledValidator;
export declare const setOutcomeForTo_path: CompiledValidator;
export declare const setOutcomeForTo_body: CompiledValidator;
export declare const addFault_body: CompiledValidator;
export declare const deleteFault_path: CompiledValidator;
