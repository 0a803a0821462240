// The five Calls operations the stateful mock serves from state, one small handler each, and the dispatch that
// picks the handler by operationId. Of the retired operations only the 2008 create comes here, so that its call is
// kept and run; the front layer serves the others itself (src/mock/legacy.ts).
import type { OperationId } from "../../validation/index.js";
import { twilioError } from "../errors.js";
import { legacyCallResponse } from "../legacy.js";
import { type AcceptedRequest, jsonResponse, type MockResponse } from "../responder.js";
import { normalized } from "./addresses.js";
import type { CallbackPlanner } from "./callback-plans.js";
import type { createListPager } from "./list-page.js";
import { renderCall } from "./render.js";
import type { Simulator } from "./simulator/simulator.js";
import { type CallStore, isStoreError, notFound, type StoreError } from "./store.js";

/** What the handlers act on: the calls, their status callbacks, the simulator that runs them, listCalls' pages. */
export interface CallsState {
  store: CallStore;
  callbacks: CallbackPlanner;
  simulator: Simulator;
  listPage: ReturnType<typeof createListPager>;
}

type Handler = (state: CallsState, request: AcceptedRequest) => MockResponse;

const errorResponse = (e: StoreError) => jsonResponse(e.status, twilioError(e.status, e.code, e.message));
const accountOf = (request: AcceptedRequest) => request.params.AccountSid as string;
const sidOf = (request: AcceptedRequest) => request.params.Sid as string;

const createCall: Handler = ({ store, callbacks, simulator }, request) => {
  const form = request.form ?? {};
  const created = store.create(accountOf(request), {
    To: normalized(String(form.To)),
    From: normalized(String(form.From)),
    ...(typeof form.Timeout === "number" ? { Timeout: form.Timeout } : {}),
    ...(typeof form.TimeLimit === "number" ? { TimeLimit: form.TimeLimit } : {}),
    ...(typeof form.MachineDetection === "string" ? { MachineDetection: form.MachineDetection } : {}),
  });
  if (isStoreError(created)) return errorResponse(created);
  // Signed with the account's token: the admin API's, else this request's (runtime.ts heard it first).
  callbacks.plan(created.sid, form, simulator.accounts.tokenFor(accountOf(request)) ?? request.authToken);
  simulator.adopt(created, form);
  return jsonResponse(201, renderCall(created, { justCreated: true }));
};

/**
 * Seed 003: a 2008-08-01 create is a call like any other (Called and Caller as To and From; IfMachine asks who
 * answered, as MachineDetection does), run by the simulator with that API's request; the response is the 2008 XML.
 */
const createLegacyCall: Handler = ({ store, simulator }, request) => {
  const form = request.form ?? {};
  const created = store.create(accountOf(request), {
    To: normalized(String(form.Called)),
    From: normalized(String(form.Caller)),
    ...(typeof form.Timeout === "number" ? { Timeout: form.Timeout } : {}),
    ...(typeof form.IfMachine === "string" ? { MachineDetection: "Enable" } : {}),
  });
  if (isStoreError(created)) return errorResponse(created);
  simulator.adoptLegacy(created, form);
  return legacyCallResponse(request, created.sid);
};

const fetchCall: Handler = ({ store }, request) => {
  const call = store.get(accountOf(request), sidOf(request));
  return call ? jsonResponse(200, renderCall(call)) : errorResponse(notFound(sidOf(request)));
};

const updateCall: Handler = ({ store, callbacks, simulator }, request) => {
  const form = request.form ?? {};
  const updated = store.update(accountOf(request), sidOf(request), form);
  if (isStoreError(updated)) return errorResponse(updated);
  callbacks.retarget(updated.sid, form);
  simulator.redirect(updated, form);
  return jsonResponse(200, renderCall(updated));
};

const deleteCall: Handler = ({ store, callbacks, simulator }, request) => {
  const removed = store.remove(accountOf(request), sidOf(request));
  if (isStoreError(removed)) return errorResponse(removed);
  callbacks.forget(sidOf(request));
  simulator.forget(sidOf(request));
  return { status: 204, body: "" };
};

const listCalls: Handler = ({ listPage }, request) => jsonResponse(200, listPage(accountOf(request), request.query));

const HANDLERS: Partial<Record<OperationId, Handler>> = {
  createCall,
  fetchCall,
  updateCall,
  deleteCall,
  listCalls,
  createLegacyCall,
};

/** The retired operations the stateful mock serves itself; the front layer serves the others (legacy.ts). */
export const KEPT_RETIRED_OPERATIONS: OperationId[] = ["createLegacyCall"];

/** Serves one accepted request from state, with the handler of its operation. */
export function dispatchCalls(state: CallsState, request: AcceptedRequest): MockResponse {
  const handler = HANDLERS[request.operationId];
  if (!handler) throw new Error(`the stateful mock has no handler for ${request.operationId}`);
  return handler(state, request);
}
