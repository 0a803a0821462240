// A request to an app placed and signed as Twilio places and signs it: the parameters in the body of a POST or
// appended to the query of a GET; X-Twilio-Signature over the URL as sent (without the fragment, which is never
// sent and holds the connection overrides), keyed by the auth token or by a shared key; credentials in the URL sent
// as Basic auth and left out of what is signed; and I-Twilio-Idempotency-Token, one per event, which a retry or a
// duplicate of the event carries unchanged so that the app can drop it (Twilio's "Webhooks FAQ",
// https://www.twilio.com/docs/usage/webhooks/webhooks-faq; the token's format is not documented: it is opaque).
import { basicAuthHeader } from "../basic-auth.js";
import { computeSignature, SIGNATURE_SETTINGS_HEADER, type SignatureAlgorithm } from "../webhooks.js";
import { type ConnectionOverrides, type ReadOverrides, readConnectionOverrides } from "./overrides.js";

/** The header that names one event's delivery, the same on each of its retries and duplicates. */
export const IDEMPOTENCY_TOKEN_HEADER = "I-Twilio-Idempotency-Token";

/** A request's parameters: an object, or [name, value] pairs in the order they are sent. */
export type WebhookParams = Record<string, string> | ReadonlyArray<readonly [string, string]>;

/** A key of the Webhooks configuration API that signs instead of the auth token. */
export interface SharedKey {
  /** The key's SID, named in X-Twilio-Webhooks-Signature-Settings. */
  id: string;
  secret: string;
  /** HMAC_SHA256 unless told otherwise. */
  algorithm?: SignatureAlgorithm;
}

export interface WebhookRequest {
  /** The URL as configured; user information in it is sent as Basic auth, its fragment may hold overrides. */
  url: string;
  /** GET puts the parameters in the query; any other method sends them as a form body. */
  method: string;
  params: WebhookParams;
  /** The auth token that signs the request. */
  authToken: string;
  userAgent: string;
  /** The event's token; a new one is made when none is given. */
  idempotencyToken?: string;
  /** Signs with this key and its algorithm instead of the auth token. */
  sharedKey?: SharedKey;
}

/** A request ready to send: where, how, the headers with its signature, and the connection settings it asked for. */
export interface SignedWebhook {
  /** Without credentials or fragment; a GET's parameters are in its query. */
  target: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Twilio's defaults, changed by the URL's connection overrides. */
  overrides: ConnectionOverrides;
  /** What of the overrides was adjusted or ignored, in words. */
  overrideNotes: string[];
  /** Why Twilio would not send this request at all (its error code and the reason). */
  refused?: ReadOverrides["refused"];
}

function signatureHeaders(request: WebhookRequest, url: string, pairs?: [string, string][]): Record<string, string> {
  const { sharedKey } = request;
  if (!sharedKey) return { "X-Twilio-Signature": computeSignature(request.authToken, url, pairs) };
  const algorithm = sharedKey.algorithm ?? "HMAC_SHA256";
  return {
    "X-Twilio-Signature": computeSignature(sharedKey.secret, url, pairs, algorithm),
    [SIGNATURE_SETTINGS_HEADER]: `key=${sharedKey.id},algorithm=${algorithm}`,
  };
}

/** The request with its parameters placed and signed, as Twilio would send it. */
export function signWebhook(request: WebhookRequest): SignedWebhook {
  const { method, params } = request;
  const read = readConnectionOverrides(request.url);
  const target = new URL(read.url);
  const { randomUUID } = process.getBuiltinModule("node:crypto");
  const headers: Record<string, string> = {
    "User-Agent": request.userAgent,
    [IDEMPOTENCY_TOKEN_HEADER]: request.idempotencyToken ?? randomUUID(),
  };
  if (target.username)
    headers.Authorization = basicAuthHeader(decodeURIComponent(target.username), decodeURIComponent(target.password));
  target.username = "";
  target.password = "";
  const settings = {
    overrides: read.overrides,
    overrideNotes: read.notes,
    ...(read.refused ? { refused: read.refused } : {}),
  };
  const pairs = new URLSearchParams(params as Record<string, string>);
  if (method === "GET") {
    for (const [k, v] of pairs) target.searchParams.append(k, v);
    return { target, method, headers: { ...headers, ...signatureHeaders(request, target.toString()) }, ...settings };
  }
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  Object.assign(headers, signatureHeaders(request, target.toString(), [...pairs]));
  return { target, method, headers, body: pairs.toString(), ...settings };
}
