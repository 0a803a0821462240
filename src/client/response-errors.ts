// The errors of a request that got a response the client cannot return: an HTTP error status, or a body too large
// or not JSON. The server's words may repeat what it was sent, so no credential and no secret parameter of the
// request leaves in them; secrets.ts decides what a secret is.
import type { OperationId } from "../../generated/manifest.js";
import { credentialForms, isSecretName, scrubValue, secretScrubber } from "../secrets.js";
import type { Outcome } from "./direct.js";
import { CallsError, TwilioApiError } from "./errors.js";
import { unusableResponse } from "./failures.js";
import type { CallsClientOptions } from "./options.js";

export interface ResponseErrors {
  /** The values of a request's secret parameters (SipAuthPassword, Passports, ...), to keep out of its errors. */
  secretsOf(body: object | undefined): string[];
  /** The error of a response that arrived but cannot be used; undefined for any other failure. */
  unusable(operation: OperationId, cause: unknown, attempts: number): CallsError | undefined;
  /** The error of an HTTP error status: Twilio's message when the body has one, else the status and a snippet. */
  httpError(operation: OperationId, outcome: Outcome, secrets: string[], attempts: number): TwilioApiError;
}

export function responseErrors(
  options: Pick<CallsClientOptions, "accountSid" | "authToken">,
  baseUrl: string,
): ResponseErrors {
  const credentials = credentialForms(options.accountSid, options.authToken);
  const scrub = secretScrubber(credentials);
  const scrubFor = (secrets: string[]) => (secrets.length === 0 ? scrub : secretScrubber([...credentials, ...secrets]));
  return {
    secretsOf: (body) =>
      Object.entries(body ?? {})
        .filter(([key, value]) => isSecretName(key) && typeof value === "string")
        .map(([, value]) => value as string),
    unusable(operation, cause, attempts) {
      const unusable = unusableResponse(cause);
      if (!unusable) return undefined;
      // It reached the server and got a response: a create may well have placed its call.
      const placed = operation === "createCall" ? true : undefined;
      const message = scrub(`${operation}: ${baseUrl}: ${unusable}`);
      return new CallsError("api", message, { cause, attempts, mayHaveBeenPlaced: placed });
    },
    httpError(operation, { response, error }, secrets, attempts) {
      const scrubbed = scrubFor(secrets);
      const said = scrubValue(error, scrubbed);
      const body = typeof said === "object" && said !== null ? said : undefined;
      const text = typeof said === "string" && said !== "" ? `: ${said.slice(0, 200)}` : "";
      const fallback = scrubbed(`HTTP ${response.status} ${response.statusText}${text}`);
      return new TwilioApiError(response.status, body, fallback, attempts, operation);
    },
  };
}
