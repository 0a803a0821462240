// Test data taken from the spec's own examples, so that a fixture can never drift from the contract.
import spec from "../../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../../src/basic-auth.js";
import type { Call, CallPage } from "../../src/index.js";

const examples = spec.components.examples;
export const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const AUTH_TOKEN = "test-auth-token-that-must-never-leak";
/** The Authorization header of those credentials, for requests made without the client. */
export const AUTHORIZATION = basicAuthHeader(ACCOUNT_SID, AUTH_TOKEN);

export function queuedCall(overrides: Partial<Call> = {}): Call {
  return { ...(structuredClone(examples.QueuedCall.value) as Call), ...overrides };
}

export function completedCall(overrides: Partial<Call> = {}): Call {
  return { ...(structuredClone(examples.CompletedCall.value) as Call), ...overrides };
}

export function firstPage(): CallPage {
  return structuredClone(examples.FirstPageOfCalls.value) as CallPage;
}
