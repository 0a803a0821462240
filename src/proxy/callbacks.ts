// The proxy as the receiver of Twilio's callbacks for an app: Twilio is pointed at the proxy's /callbacks/<kind>
// URLs, the proxy checks each request's X-Twilio-Signature (against the URL Twilio used) and its fields (against
// the webhook's schema), and passes it on to the app, unchanged, at the app's URL followed by the rest of the path.
import { type WebhookId, webhooks } from "../validation/index.js";
import type { SignatureVerdict } from "../verify/checks.js";
import { CALLBACK_PREFIX, webhookForPath } from "../verify/observe.js";
import { isValidSignature } from "../webhooks.js";

export interface CallbackOptions {
  /** The app's base URL: `/callbacks/status?x=1` goes to `<app>/status?x=1`. */
  appUrl: URL;
  /** The base URL Twilio reaches the proxy at (a tunnel's https URL); by default http://<Host header>. */
  publicUrl?: URL;
  authToken: string;
}

export interface CallbackRequest {
  webhook?: WebhookId;
  /** Where the request goes on to. */
  destination: URL;
  /** The URL Twilio requested, as it signed it. */
  signedUrl: string;
}

export const isCallbackPath = (pathname: string) => pathname.startsWith(CALLBACK_PREFIX);

function joinPath(base: URL, rest: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}/${rest.replace(/^\/+/, "")}`;
  return url;
}

/**
 * Where Twilio reached the proxy, when no public URL is given: the Host header, or localhost when there is none or
 * it is not a host (`not a host`). A callback is never refused: its signature then shows the mismatch.
 */
function hostBase(host: string | undefined): URL {
  try {
    return new URL(`http://${host ?? "localhost"}`);
  } catch {
    return new URL("http://localhost");
  }
}

export function callbackRequest(target: string, host: string | undefined, options: CallbackOptions): CallbackRequest {
  const seen = new URL(target, "http://proxy.invalid");
  const destination = joinPath(options.appUrl, seen.pathname.slice(CALLBACK_PREFIX.length - 1));
  destination.search = seen.search;
  const publicBase = options.publicUrl ?? hostBase(host);
  const signedUrl = `${joinPath(publicBase, seen.pathname).href.replace(/\?.*$/, "")}${seen.search}`;
  const webhook = webhookForPath(seen.pathname);
  return { destination, signedUrl, ...(webhook ? { webhook } : {}) };
}

/** A GET callback signs the URL alone (its fields are in the query); a POST one signs the URL and the form. */
export function signatureVerdict(
  authToken: string,
  signature: string | undefined,
  request: { method: string; url: string; body: string },
): SignatureVerdict {
  if (!signature) return "missing";
  const params = request.method === "GET" ? undefined : request.body;
  return isValidSignature(authToken, signature, request.url, params) ? "valid" : "mismatch";
}

/**
 * On a callback, the app's own query keys (a token it put in the URL it gave Twilio) are secret; the webhook's
 * fields that a GET callback carries in the query are not, unless they are named like secrets (CallToken).
 */
export function appQueryKey(webhook: WebhookId | undefined, method: string): (name: string) => boolean {
  if (!webhook || method !== "GET") return () => true;
  const known = new Set(Object.keys(webhooks[webhook].bodyFields));
  return (name) => !known.has(name);
}
