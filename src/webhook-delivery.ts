// The one way this project sends an app a request as Twilio sends it (a request for TwiML, a status, recording or
// AMD callback): the parameters in the body of a POST or appended to the query of a GET, X-Twilio-Signature computed
// as Twilio computes it (webhooks.ts) over the URL as sent, credentials in the URL sent as Basic auth and left out of
// what is signed, no redirect followed, and a time limit and a bounded read (http-exchange.ts). The mock's status
// callbacks and `verify-app` send through it; so will the stateful mock when it requests a call's TwiML.
import { basicAuthHeader } from "./basic-auth.js";
import { type ExchangeResponse, exchange } from "./http-exchange.js";
import { computeSignature } from "./webhooks.js";

/** How long Twilio waits for an app's response to a webhook unless told otherwise: 15 s. */
export const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;
/** The largest TwiML document Twilio reads: 64 KiB. */
export const TWIML_MAX_BYTES = 64 * 1024;

/** A request's parameters: an object, or [name, value] pairs in the order they are sent. */
export type WebhookParams = Record<string, string> | ReadonlyArray<readonly [string, string]>;

export interface WebhookRequest {
  /** The URL as configured; user information in it is sent as Basic auth. */
  url: string;
  /** GET puts the parameters in the query; any other method sends them as a form body. */
  method: string;
  params: WebhookParams;
  /** The auth token that signs the request. */
  authToken: string;
  userAgent: string;
}

/** A request ready to send: where, how, and the headers with its signature. */
export interface SignedWebhook {
  /** Without credentials; a GET's parameters are in its query. */
  target: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface DeliveryLimits {
  timeoutMs: number;
  /** How much of the response's body to read; 0 reads none (Twilio reads only a callback's status). */
  maxResponseBytes: number;
}

/** The limits Twilio keeps when it requests TwiML. */
export const TWIML_REQUEST_LIMITS: DeliveryLimits = {
  timeoutMs: TWILIO_WEBHOOK_TIMEOUT_MS,
  maxResponseBytes: TWIML_MAX_BYTES,
};

export interface Delivered extends ExchangeResponse {
  /** From sending the request to the end of what was read of the response. */
  elapsedMs: number;
}

/** The request with its parameters placed and signed, as Twilio would send it. */
export function signWebhook(request: WebhookRequest): SignedWebhook {
  const { method, params, authToken } = request;
  const target = new URL(request.url);
  const headers: Record<string, string> = { "User-Agent": request.userAgent };
  if (target.username)
    headers.Authorization = basicAuthHeader(decodeURIComponent(target.username), decodeURIComponent(target.password));
  target.username = "";
  target.password = "";
  const pairs = new URLSearchParams(params as Record<string, string>);
  if (method === "GET") {
    for (const [k, v] of pairs) target.searchParams.append(k, v);
    headers["X-Twilio-Signature"] = computeSignature(authToken, target.toString());
    return { target, method, headers };
  }
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  headers["X-Twilio-Signature"] = computeSignature(authToken, target.toString(), [...pairs]);
  return { target, method, headers, body: pairs.toString() };
}

/** Sends a signed request and reads its response within the limits; rejects when there was no response. */
export async function sendSigned(signed: SignedWebhook, limits: DeliveryLimits): Promise<Delivered> {
  const started = performance.now();
  // Redirects are not followed: a rule about where requests may go was checked for this URL, not for a 3xx's.
  const response = await exchange(signed.target, {
    method: signed.method,
    headers: signed.headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
    ...limits,
  });
  return { ...response, elapsedMs: performance.now() - started };
}

/** Signs and sends one request as Twilio would. */
export function deliverWebhook(request: WebhookRequest, limits: DeliveryLimits): Promise<Delivered> {
  return sendSigned(signWebhook(request), limits);
}
