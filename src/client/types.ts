// Friendly names for the generated types, so that users never have to spell components["schemas"][...].
import type { components, operations, paths } from "../../generated/calls.js";

export type { components, operations, paths };

type Schemas = components["schemas"];

export type Call = Schemas["Call"];
export type CallPage = Schemas["CallPage"];
export type CallStatus = Schemas["CallStatus"];
export type CallDirection = Schemas["CallDirection"];
export type AnsweredBy = Schemas["AnsweredBy"];
export type CreateCallParams = Schemas["CreateCallRequest"];
export type UpdateCallParams = Schemas["UpdateCallRequest"];
export type ListCallsFilters = NonNullable<operations["listCalls"]["parameters"]["query"]>;
export type TwilioErrorBody = Schemas["TwilioError"];
/** The form of the retired SMS/Messages create (tag legacy). */
export type CreateSmsMessageParams = Schemas["CreateSmsMessageRequest"];
/** A message of the retired SMS/Messages resource. */
export type SmsMessage = Schemas["SmsMessage"];
