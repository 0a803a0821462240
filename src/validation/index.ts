// The public validators: the spec compiled at codegen time (generated/validators.cjs), wrapped so that every
// violation says which operation, where, which field, which rule, and what the value was. The compiled code is
// required on the first validation, not at import, so that importing the package stays cheap.

import { type OperationId, operations, type WebhookId, webhooks } from "../../generated/manifest.js";
import type * as Compiled from "../../generated/validators.cjs";
import { joinNames } from "../findings/names.js";
import { type Location, type Severity, type Violation, violation, violationSentence } from "../findings/violation.js";
import type { FormInput } from "../form.js";
import { requirePackageFile } from "../package-files.js";
import { type TwimlResult, validateTwiml } from "../twiml/index.js";
import { decodeForm } from "./decode.js";
import { toViolations, toWarnings, type ValidationResult } from "./violations.js";
import { placeFindings, readXmlBody } from "./xml-body.js";

export { decodeForm } from "./decode.js";
export type { FormInput, Location, OperationId, Severity, ValidationResult, Violation, WebhookId };
export { operations, violationSentence, webhooks };

type CompiledValidator = Compiled.CompiledValidator;
let compiled: Record<string, CompiledValidator> | undefined;
function compiledValidators(): Record<string, CompiledValidator> {
  compiled ??= requirePackageFile<Record<string, CompiledValidator>>("generated/validators.cjs");
  return compiled;
}

/**
 * Runs the truth validator for errors and, where an advisory rule can apply, the strict one for warnings. A value
 * the strict validator accepts has neither, so that one run is all a conforming value costs.
 */
function run<T>(
  validatorName: string,
  operation: string,
  location: Location,
  value: unknown,
  earlier: Violation[] = [],
): ValidationResult<T> {
  const validators = compiledValidators();
  const validate = validators[validatorName];
  if (!validate) throw new Error(`no compiled validator ${validatorName}; run npm run generate`);
  const strict = validators[`${validatorName}_strict`];
  const strictOk = strict?.(value);
  const strictErrors = strict?.errors ?? [];
  const truthOk = strictOk === true || validate(value);
  const violations = [...earlier, ...(truthOk ? [] : toViolations(operation, location, validate.errors ?? [], value))];
  const warnings = strict && !strictOk ? toWarnings(operation, location, strictErrors, value, violations) : [];
  return { valid: violations.length === 0, violations, warnings, value: value as T };
}

function manifestOf(operationId: OperationId) {
  const manifest = Object.hasOwn(operations, operationId) ? operations[operationId] : undefined;
  if (!manifest) throw new Error(`unknown operation ${operationId}; known: ${Object.keys(operations).join(", ")}`);
  return manifest;
}

/** Checks a request body as it arrives: form text, URLSearchParams, or an object of received or typed values. */
export function validateBody<T = Record<string, unknown>>(
  operationId: OperationId,
  form: FormInput,
): ValidationResult<T> {
  const manifest = manifestOf(operationId);
  if (!manifest.validators.body) throw new Error(`${operationId} takes no request body`);
  const decoded = decodeForm(operationId, "body", form, manifest.bodyFields);
  const result = run<T>(manifest.validators.body, operationId, "body", decoded.value, decoded.violations);
  for (const [field, kind] of Object.entries(manifest.twimlFields ?? {})) {
    const text = decoded.value[field];
    // A value the schema already refused (too long, empty, repeated) is not read as a document as well.
    if (typeof text !== "string" || result.violations.some((v) => v.field === field)) continue;
    result.warnings.push(...twimlWarnings(validateTwiml(text, { kind, operation: operationId, field })));
  }
  return result;
}

/**
 * What validateTwiml finds in a request's TwiML, as the request's warnings: Twilio accepts the request and reads
 * the document only when the call runs, so a document it cannot run fails the call (errors 12100, 12200), never
 * the request. Rules are prefixed `twiml-`; line, column and element path stay on each finding.
 */
function twimlWarnings(result: TwimlResult): Violation[] {
  const fatal = new Set<Violation>(result.violations);
  return [...result.violations, ...result.warnings].map((finding) => {
    const rule = `twiml-${finding.rule}`;
    const stated = finding.message.replace(/ \(warning\)$/, "").replace(` breaks ${finding.rule} `, ` breaks ${rule} `);
    const consequence = fatal.has(finding)
      ? "; Twilio takes the request and fails the call when it runs this TwiML"
      : "";
    return { ...finding, severity: "warning", rule, message: `${stated} (warning${consequence})` };
  });
}

/** Checks query parameters (text values are read as the schema's types). */
export function validateQuery(operationId: OperationId, query: FormInput): ValidationResult {
  const manifest = manifestOf(operationId);
  const decoded = decodeForm(operationId, "query", query, manifest.queryFields);
  if (!manifest.validators.query) {
    const expected = `no query parameters (${operationId} takes none)`;
    const extra = Object.entries(decoded.value).map(([field, v]) =>
      violation(operationId, "query", field, "additionalProperties", expected, v),
    );
    return { valid: extra.length === 0, violations: extra, warnings: [], value: decoded.value };
  }
  return run(manifest.validators.query, operationId, "query", decoded.value, decoded.violations);
}

/** Checks path parameters such as AccountSid and Sid. */
export function validatePathParams(operationId: OperationId, params: Record<string, string>): ValidationResult {
  const manifest = manifestOf(operationId);
  return run(manifest.validators.path, operationId, "path", params);
}

/** Checks a response body against the schema the spec declares for that operation and status. */
export function validateResponse(operationId: OperationId, status: number, body: unknown): ValidationResult {
  const manifest = manifestOf(operationId);
  const declared = manifest.validators.responses;
  if (!(String(status) in declared)) {
    const expected = `one of the declared statuses ${joinNames(Object.keys(declared))}`;
    return {
      valid: false,
      violations: [violation(operationId, "response", "(status)", "declared-status", expected, status)],
      warnings: [],
      value: body,
    };
  }
  const validatorName = declared[String(status)];
  if (validatorName === null || validatorName === undefined) {
    const empty = body === undefined || body === null || body === "";
    const violations = empty
      ? []
      : [violation(operationId, "response", "(body)", "empty-body", `no body for ${status}`, body)];
    return { valid: empty, violations, warnings: [], value: body };
  }
  const xml = manifest.xmlResponses?.[String(status)];
  if (xml) return runXml(validatorName, operationId, xml, body);
  return run(validatorName, operationId, "response", body);
}

/**
 * An XML response (the 2008-08-01 API's): read by its shape into the object its schema describes, then checked by
 * the same compiled validator, so that its violations name fields as JSON ones do (`Call.Status`), with the line,
 * column and element path (`TwilioResponse/Call/Status`) of each. `value` is the object read.
 */
function runXml(
  validatorName: string,
  operationId: string,
  shape: NonNullable<(typeof operations)[OperationId]["xmlResponses"]>[string],
  body: unknown,
): ValidationResult {
  if (typeof body !== "string") {
    const found = violation(operationId, "response", "(body)", "type", `XML text with a <${shape.root}> root`, body);
    return { valid: false, violations: [found], warnings: [], value: body };
  }
  const read = readXmlBody(operationId, "response", body, shape);
  if (read.value === undefined) return { valid: false, violations: read.violations, warnings: [], value: undefined };
  const result = run(validatorName, operationId, "response", read.value, read.violations);
  const violations = placeFindings(result.violations, read.places);
  return { ...result, violations, warnings: placeFindings(result.warnings, read.places) };
}

/** Form body of createCall. */
export const validateCreateCallRequest = (form: FormInput) => validateBody("createCall", form);
/** Form body of updateCall. */
export const validateUpdateCallRequest = (form: FormInput) => validateBody("updateCall", form);
/** Query of listCalls. */
export const validateListCallsQuery = (query: FormInput) => validateQuery("listCalls", query);
/** A Call object, as createCall, fetchCall and updateCall return it. */
export const validateCall = (call: unknown) => run("fetchCall_response_200", "Call", "response", call);
/** One page of listCalls. */
export const validateCallPage = (page: unknown) => run("listCalls_response_200", "CallPage", "response", page);
/** A 2008-08-01 `<TwilioResponse><Call>` response, as XML text (the retired API; see the legacy tag). */
export const validateLegacyCall = (xml: string) => validateResponse("createLegacyCall", 201, xml);
/** A 2008-08-01 `<TwilioResponse><RestException>` response, as XML text. */
export const validateLegacyError = (xml: string) => validateResponse("createLegacyCall", 400, xml);
/** A message of the retired SMS/Messages resource. */
export const validateSmsMessage = (message: unknown) =>
  run("createSmsMessage_response_201", "SmsMessage", "response", message);
/** Twilio's error body. */
export const validateTwilioError = (body: unknown) => run("fetchCall_response_404", "TwilioError", "response", body);

/** Checks the form body of a request Twilio sends to your application (status callback, voice request, ...). */
export function validateWebhook<T = Record<string, unknown>>(
  webhookId: WebhookId,
  form: FormInput,
): ValidationResult<T> {
  const manifest = Object.hasOwn(webhooks, webhookId) ? webhooks[webhookId] : undefined;
  if (!manifest) throw new Error(`unknown webhook ${webhookId}; known: ${Object.keys(webhooks).join(", ")}`);
  const decoded = decodeForm(webhookId, "body", form, manifest.bodyFields);
  return run<T>(manifest.validator, webhookId, "body", decoded.value, decoded.violations);
}
