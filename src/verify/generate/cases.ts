// What the generated phases share: the operations they cover, their valid bases, and the step from form entries to
// a judged case.
import { type OperationId, operations } from "../../validation/index.js";
import { type FormEntries, type RequestCase, VALID_CALL_SID } from "../corpus.js";
import { judgedCase } from "./judge.js";
import { specFields } from "./spec-fields.js";
import { type FieldModel, fieldModel } from "./values.js";
import { encodeEntries, type WireOptions } from "./wire.js";

/** The Calls operations the generated phases send (their XML representations and the retired APIs are corpus only). */
export const GENERATED_OPERATIONS = ["createCall", "updateCall", "listCalls", "fetchCall", "deleteCall"] as const;
export type GeneratedOperation = (typeof GENERATED_OPERATIONS)[number];

/** The smallest request each operation takes, on which one field at a time is changed. */
export const BASES: Record<GeneratedOperation, FormEntries> = {
  createCall: [
    ["To", "+13105550123"],
    ["From", "+12125550147"],
    ["Url", "https://example.invalid/twiml"],
  ],
  updateCall: [["Url", "https://example.invalid/next"]],
  listCalls: [],
  fetchCall: [],
  deleteCall: [],
};

export const locationOf = (operation: OperationId): "query" | "body" =>
  operations[operation].validators.body ? "body" : "query";

const models = new Map<string, FieldModel[]>();
/** The value model of every query or body field of the operation. */
export function fieldModels(operation: OperationId): FieldModel[] {
  let known = models.get(operation);
  if (!known) {
    known = specFields(operation, locationOf(operation)).map(fieldModel);
    models.set(operation, known);
  }
  return known;
}

export interface Draft {
  operation: GeneratedOperation;
  name: string;
  entries: FormEntries;
  sid?: string;
  wire?: WireOptions;
}

/** A draft judged on its wire bytes: the case to send, or undefined when it must not be sent. */
export function toCase(draft: Draft, accountSid: string, phase: "coverage" | "fuzz"): RequestCase | undefined {
  const text = encodeEntries(draft.entries, draft.wire);
  const hasBody = Boolean(operations[draft.operation].validators.body);
  // An update with no fields is sent without a body, as twilio-node sends it.
  const body = hasBody && (text !== "" || draft.operation === "createCall") ? text : undefined;
  const query = hasBody ? undefined : text;
  return judgedCase(
    {
      operation: draft.operation,
      path: { AccountSid: accountSid, Sid: draft.sid ?? VALID_CALL_SID },
      ...(query ? { query } : {}),
      ...(body !== undefined ? { body } : {}),
    },
    draft.name,
    phase,
  );
}

/** The entries with `key` set to `values` (one key per value), in the place of any it had. */
export function withField(entries: FormEntries, key: string, values: string[]): FormEntries {
  const at = entries.findIndex(([k]) => k === key);
  const rest = entries.filter(([k]) => k !== key);
  const added = values.map((v): [string, string] => [key, v]);
  if (at < 0) return [...rest, ...added];
  return [...rest.slice(0, at), ...added, ...rest.slice(at)];
}

export const withoutField = (entries: FormEntries, key: string) => entries.filter(([k]) => k !== key);
