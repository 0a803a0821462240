// The building blocks of the catalogue's faults: change a request before it is passed on, change the JSON body or
// each Call of a response on its way back, read and write form bodies. Each block is a Fault or makes one.
import type { CallsOperation, Fault, FaultContext, WireRequest, WireResponse } from "./faulty-server.js";

export type Call = Record<string, unknown>;

export const formOf = (request: WireRequest) => new URLSearchParams(request.body);

export const withForm = (request: WireRequest, form: URLSearchParams): WireRequest => ({
  ...request,
  body: form.toString(),
});

export function jsonOf(response: WireResponse): unknown {
  if (!/json/.test(response.headers["content-type"] ?? "") || response.body === "") return undefined;
  return JSON.parse(response.body);
}

export const withJson = (response: WireResponse, body: unknown): WireResponse => ({
  ...response,
  body: JSON.stringify(body),
});

/** The Calls of a JSON body: the body itself, or each entry of a page. */
export function callsOf(body: unknown): Call[] {
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.calls)) return record.calls as Call[];
  return typeof record.sid === "string" ? [record] : [];
}

const isOneOf = (context: FaultContext, operations: CallsOperation[]) =>
  context.route !== undefined && operations.includes(context.route.operation);

/** Passes every request on, and changes the JSON body of the operations' successful responses. */
export function onBody(
  operations: CallsOperation[],
  change: (body: Record<string, unknown>, context: FaultContext) => unknown,
): Fault {
  return async (context) => {
    const response = await context.pass(context.request);
    if (!isOneOf(context, operations) || response.status >= 300) return response;
    const body = jsonOf(response) as Record<string, unknown> | undefined;
    return body === undefined ? response : withJson(response, change(body, context));
  };
}

/** Passes every request on, and changes each Call in the operations' successful responses. */
export function onCalls(operations: CallsOperation[], change: (call: Call) => void): Fault {
  return onBody(operations, (body) => {
    for (const call of callsOf(body)) change(call);
    return body;
  });
}

/** Changes the requests of the operations before they are passed on (the rest pass as they are). */
export function onRequest(
  operations: CallsOperation[],
  change: (request: WireRequest, context: FaultContext) => WireRequest,
): Fault {
  return (context) => context.pass(isOneOf(context, operations) ? change(context.request, context) : context.request);
}

/** Changes the form of the operations' requests before they are passed on. */
export function onForm(operations: CallsOperation[], change: (form: URLSearchParams) => void): Fault {
  return onRequest(operations, (request) => {
    const form = formOf(request);
    change(form);
    return withForm(request, form);
  });
}

/** The memory of a fault under one name, made on first use. */
export function remembered<T>(context: FaultContext, name: string, make: () => T): T {
  let value = context.memory.get(name) as T | undefined;
  if (value === undefined) {
    value = make();
    context.memory.set(name, value);
  }
  return value;
}

export const callPath = (accountSid: string, sid: string) => `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`;
export const listPath = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Calls.json`;
