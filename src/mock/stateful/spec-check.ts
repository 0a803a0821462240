// checkResponses: every response the stateful mock gives is first validated against the Calls spec, so that state
// can never produce a body the contract forbids. A broken one becomes a 500 that names why, and the log says so.
import { type OperationId, validateResponse } from "../../validation/index.js";
import type { Log } from "../callbacks.js";
import { twilioError } from "../errors.js";
import { jsonResponse, type MockResponse } from "../responder.js";

export function specChecked(operationId: OperationId, response: MockResponse, log: Log): MockResponse {
  // An XML response (the 2008 create's) is validated as its text.
  const xml = /xml/.test(response.headers?.["content-type"] ?? "");
  const body = response.body === "" ? undefined : xml ? response.body : JSON.parse(response.body);
  const result = validateResponse(operationId, response.status, body);
  if (result.valid && result.warnings.length === 0) return response;
  const problems = [...result.violations, ...result.warnings].map((v) => v.message).join("; ");
  log(`the stateful mock's own response breaks the spec: ${problems}`);
  return jsonResponse(
    500,
    twilioError(500, 20500, `The mock's response to ${operationId} breaks the spec: ${problems}`),
  );
}
