// A voice app on loopback for the simulator's tests: it responds to each path with the TwiML a test gives it, and
// holds every request it gets to the contract: X-Twilio-Signature by twilio-node's own validateRequest, and the
// parameters by the spec's webhook validators (voiceRequest for a request for TwiML, statusCallback and
// recordingStatusCallback for the callbacks). What broke either is kept in `problems`, which a test expects empty.
import type { ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { validateWebhook, type WebhookId } from "../../src/validation/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { startWebhookApp } from "../support/http-server.js";

const require = createRequire(import.meta.url);
const { validateRequest } = require("twilio/lib/webhooks/webhooks.js") as {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string>): boolean;
};

export interface AppRequest {
  method: string;
  path: string;
  /** The full URL as requested, query included. */
  url: string;
  params: Record<string, string>;
  webhook: WebhookId;
}

export interface AppResponse {
  status?: number;
  contentType?: string;
  body?: string;
}

/** What the app does on a path: a TwiML document, a response, or a function of the request. */
export type Route = string | AppResponse | ((request: AppRequest) => string | AppResponse);

/** The webhook a path serves: status and recording callbacks by name, requests for TwiML otherwise. */
export function webhookOf(path: string): WebhookId {
  if (path.startsWith("/status")) return "statusCallback";
  if (path.startsWith("/recording")) return "recordingStatusCallback";
  return "voiceRequest";
}

/** The problems of one request: a signature twilio-node refuses, parameters the spec's webhook refuses. */
export function contractProblems(
  request: AppRequest,
  signature: string,
  body: Record<string, string>,
  authToken = AUTH_TOKEN,
): string[] {
  const problems: string[] = [];
  if (!validateRequest(authToken, signature, request.url, body)) {
    problems.push(`${request.method} ${request.path}: twilio-node's validateRequest refuses the signature`);
  }
  const result = validateWebhook(request.webhook, new URLSearchParams(request.params));
  for (const v of result.violations) problems.push(`${request.method} ${request.path}: ${v.message}`);
  return problems;
}

function respond(res: ServerResponse, outcome: string | AppResponse): void {
  const response = typeof outcome === "string" ? { body: outcome } : outcome;
  res.writeHead(response.status ?? 200, { "Content-Type": response.contentType ?? "application/xml" });
  res.end(response.body ?? "");
}

export type TwimlApp = Awaited<ReturnType<typeof startTwimlApp>>;

/** A TwiML app for the running test alone, checking signatures with `authToken`: closed when the test finishes. */
export async function startTwimlApp(routes: Record<string, Route>, authToken = AUTH_TOKEN) {
  const requests: AppRequest[] = [];
  const problems: string[] = [];
  const server = await startWebhookApp((received, res) => {
    const { method, path, url, params } = received;
    const request = { method, path, url, params, webhook: webhookOf(path) };
    requests.push(request);
    problems.push(...contractProblems(request, received.signature, received.form, authToken));
    const route = routes[path];
    if (route === undefined)
      return respond(res, request.webhook === "voiceRequest" ? { status: 404 } : { status: 204 });
    respond(res, typeof route === "function" ? route(request) : route);
  });
  return {
    baseUrl: server.baseUrl,
    url: (path: string) => `${server.baseUrl}${path}`,
    routes,
    requests,
    problems,
    /** The requests to one path, in order. */
    to: (path: string) => requests.filter((r) => r.path === path),
    close: server.close,
  };
}
