// An admin API request as its handler gets it: matched against the route table generated from
// openapi/mock-admin.yaml, its path parameters decoded, its body read as JSON (sent as application/json only), and
// its path, query and body checked by the validators generated from that document. The generated code is required
// on the first admin request, as the Calls validators are on the first validation.

import type { ServerResponse } from "node:http";
import type { operations } from "../../../generated/mock-admin.js";
import type * as Generated from "../../../generated/mock-admin-validators.cjs";
import { shortText } from "../../findings/redact.js";
import { requirePackageFile } from "../../package-files.js";
import { type AdminLocation, violationMessage } from "./admin-messages.js";
import { AdminError } from "./admin-response.js";
import type { StatefulMock } from "./runtime.js";

export type AdminOperationId = Generated.AdminOperationId;

const JSON_MEDIA = "application/json";

type Parameters<Id extends AdminOperationId> = operations[Id]["parameters"];
type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** What a handler gets, typed by the document: decoded path parameters, the query and the body, all checked. */
export interface AdminInput<Id extends AdminOperationId> {
  path: NonNullable<Parameters<Id>["path"]>;
  query: NonNullable<Parameters<Id>["query"]>;
  body: JsonOf<NonNullable<operations[Id]["requestBody"]>>;
}

let generated: typeof Generated | undefined;
function generatedCode(): typeof Generated {
  generated ??= requirePackageFile<typeof Generated>("generated/mock-admin-validators.cjs");
  return generated;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AdminError(400, `the path segment ${JSON.stringify(segment.slice(0, 40))} is not valid percent-encoding`);
  }
}

/** The operation a method and path (under /__mock/api) name, with its path parameters decoded. */
function match(method: string, path: string): { id: AdminOperationId; params: Record<string, string> } | undefined {
  const segments = path.split("/");
  const routes = Object.entries(generatedCode().operations) as Array<[AdminOperationId, Generated.AdminRoute]>;
  for (const [id, route] of routes) {
    const template = route.path.split("/");
    if (route.method !== method || template.length !== segments.length) continue;
    const names = template.map((part) => /^\{(.+)\}$/.exec(part)?.[1]);
    const fits = template.every((part, i) => (names[i] ? segments[i] !== "" : part === segments[i]));
    if (!fits) continue;
    const params = names.flatMap((name, i) => (name ? [[name, decoded(segments[i] ?? "")]] : []));
    return { id, params: Object.fromEntries(params) };
  }
  return undefined;
}

/**
 * The body as a JSON object, sent as application/json: a page of another origin can send text/plain without a CORS
 * preflight, never application/json. An empty body without a Content-Type is an empty object.
 */
function jsonBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  if (body.length === 0 && contentType === undefined) return {};
  const media = contentType?.split(";")[0]?.trim().toLowerCase();
  if (media !== JSON_MEDIA) {
    const sent = contentType === undefined ? "none" : JSON.stringify(shortText(contentType));
    throw new AdminError(415, `the admin API takes a body only as ${JSON_MEDIA}, got Content-Type ${sent}`);
  }
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    // The parser's own message quotes the body, which may hold a secret: say only what is wrong.
    throw new AdminError(400, "the body is not valid JSON; send a JSON object");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AdminError(400, "the body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

function check(validator: string | undefined, location: AdminLocation, value: unknown): void {
  if (validator === undefined) return;
  const validate = (generatedCode() as unknown as Record<string, Generated.CompiledValidator>)[validator];
  if (!validate) throw new Error(`no compiled admin validator ${validator}; run npm run generate`);
  if (!validate(value)) throw new AdminError(400, violationMessage(location, validate.errors ?? []));
}

/**
 * Reads one admin request: 404 when no operation has this method and path, 415 when its body is not
 * application/json, 400 when a part breaks a rule. An operation that takes no query parameters ignores the query,
 * and one that takes no body ignores the body.
 */
export function readAdminRequest(
  method: string,
  url: URL,
  contentType: string | undefined,
  body: Buffer,
): { id: AdminOperationId; input: AdminInput<AdminOperationId> } | undefined {
  const found = match(method, url.pathname.replace(/^\/__mock\/api(?=\/)/, ""));
  if (!found) return undefined;
  const { validators } = generatedCode().operations[found.id];
  check(validators.path, "path", found.params);
  const query = Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.get(k)]));
  check(validators.query, "query", query);
  const json = validators.body === undefined ? {} : jsonBody(contentType, body);
  check(validators.body, "body", json);
  return { id: found.id, input: { path: found.params, query, body: json } as AdminInput<AdminOperationId> };
}

/**
 * Checks a value against an operation's body as the document states it, for what reaches the mock another way
 * (startMock's `faults` option takes addFault's body); throws an AdminError with the admin API's message.
 */
export function checkAdminBody<Id extends AdminOperationId>(id: Id, value: unknown): AdminInput<Id>["body"] {
  check(generatedCode().operations[id].validators.body, "body", value);
  return value as AdminInput<Id>["body"];
}

/** One admin operation's handler: the request already checked against the document. */
export type AdminHandler<Id extends AdminOperationId> = (
  mock: StatefulMock,
  input: AdminInput<Id>,
  res: ServerResponse,
) => void | Promise<void>;
