// checkAnswers: every response the stateful mock gives is first validated against the Calls spec, so that state
// can never produce a body the contract forbids. A broken one becomes a 500 that names why, and the log says so.
import { type OperationId, validateResponse } from "../../validation/index.js";
import type { Log } from "../callbacks.js";
import { twilioError } from "../errors.js";
import { jsonAnswer, type MockAnswer } from "../responder.js";

export function specChecked(operationId: OperationId, response: MockAnswer, log: Log): MockAnswer {
  const body = response.body === "" ? undefined : JSON.parse(response.body);
  const result = validateResponse(operationId, response.status, body);
  if (result.valid && result.warnings.length === 0) return response;
  const problems = [...result.violations, ...result.warnings].map((v) => v.message).join("; ");
  log(`the stateful mock's own answer breaks the spec: ${problems}`);
  return jsonAnswer(500, twilioError(500, 20500, `The mock's answer to ${operationId} breaks the spec: ${problems}`));
}
