// The one way this project sends an app a request as Twilio sends it (a request for TwiML, a status, recording or
// AMD callback): the parameters in the body of a POST or appended to the query of a GET, X-Twilio-Signature computed
// as Twilio computes it (webhooks.ts) over the URL as sent, credentials in the URL sent as Basic auth and left out of
// what is signed, no redirect followed, and a time limit and a bounded read (http-exchange.ts). The mock's status
// callbacks, `verify-app` and the call simulator send through it; requestTwiml also says what Twilio makes of the
// response to a request for TwiML, for both: a document to run, text to say or audio to play, or the error code it
// logs (Twilio's error dictionary).
import { basicAuthHeader } from "./basic-auth.js";
import { type ExchangeResponse, exchange, ResponseTooLargeError } from "./http-exchange.js";
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

/** Sends a signed request and says how it went; the simulator's tests may put another sender in its place. */
export type WebhookSender = (signed: SignedWebhook, limits: DeliveryLimits) => Promise<Delivered>;

// What Twilio does with a response to a request for TwiML, by its media type: "TwiML Voice: Your Response"
// (https://www.twilio.com/docs/api/twiml/your_response). Any other type is its error 12300. Twilio also follows a
// redirect (301, 307) there; this project does not, on purpose: a redirect may lead off this machine, where the
// rule about which URLs may be requested was never checked.

/** The media types Twilio reads as TwiML. */
export const TWIML_MEDIA_TYPES: ReadonlySet<string> = new Set(["application/xml", "text/xml", "text/html"]);
/** The audio types Twilio plays, then hangs up: the list of the <Play> page (twilio.com/docs/voice/twiml/play). */
export const AUDIO_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "audio/mpeg",
  "audio/wav",
  "audio/wave",
  "audio/x-wav",
  "audio/aiff",
  "audio/x-aifc",
  "audio/x-aiff",
  "audio/x-gsm",
  "audio/gsm",
  "audio/ulaw",
]);
/** The media type whose text Twilio says aloud, then hangs up. */
export const SPOKEN_MEDIA_TYPE = "text/plain";

/** What Twilio does with a response it accepts: runs it as TwiML, says its text, or plays its audio. */
export type TwimlUse = "twiml" | "say" | "play";

/** What Twilio does with a response it says or plays, in words, for reports and conversations. */
export const NOT_TWIML: Record<Exclude<TwimlUse, "twiml">, string> = {
  say: "Twilio says the text aloud, then hangs up",
  play: "Twilio plays the audio, then hangs up",
};

/**
 * A request for TwiML and what came of it: what Twilio does with the response, or the code Twilio logs and why. A
 * response Twilio refuses keeps what was read of it (its status, type and body), which Twilio does not run.
 */
export type TwimlFetched =
  | { ok: true; use: TwimlUse; status: number; contentType: string; body: string; elapsedMs: number }
  | {
      ok: false;
      code: number;
      reason: string;
      status?: number;
      contentType?: string;
      body?: string;
      elapsedMs: number;
    };

/** Why there was no response, in words: the error's code, or the time limit that ran out. */
export function noResponseReason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return code === "ETIMEDOUT" ? (message ?? code) : (code ?? message ?? String(error));
}

/** Why there was no response, as an error code of Twilio's dictionary (https://www.twilio.com/docs/api/errors). */
function noResponse(error: unknown, elapsedMs: number): TwimlFetched {
  const { code } = error as { code?: string };
  // 11210: the host name did not resolve; 11205: no connection, or no response within Twilio's 15 s.
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { ok: false, code: 11210, reason: code, elapsedMs };
  return { ok: false, code: 11205, reason: noResponseReason(error), elapsedMs };
}

/** A Content-Type's media type, without its parameters, in lower case. */
export const mediaTypeOf = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() ?? "";

function useOf(contentType: string): TwimlUse | undefined {
  const media = mediaTypeOf(contentType);
  if (TWIML_MEDIA_TYPES.has(media)) return "twiml";
  if (media === SPOKEN_MEDIA_TYPE) return "say";
  return AUDIO_MEDIA_TYPES.has(media) ? "play" : undefined;
}

/** What Twilio makes of a response to a request for TwiML: 11200 for a status other than 2xx, 12300 for a type. */
function judged(response: Delivered): TwimlFetched {
  const { status, elapsedMs } = response;
  const contentType = String(response.headers["content-type"] ?? "");
  const body = response.body.toString("utf8");
  if (status < 200 || status > 299) {
    // 11200, HTTP retrieval failure: Twilio's catch-all, which names 4xx and 5xx responses among its causes. No
    // redirect is followed here, so a 3xx is one too.
    return { ok: false, code: 11200, reason: `the app responded ${status}`, status, contentType, body, elapsedMs };
  }
  const use = useOf(contentType);
  if (!use) {
    const sent = contentType === "" ? "no Content-Type" : `Content-Type ${JSON.stringify(contentType.slice(0, 80))}`;
    return { ok: false, code: 12300, reason: `the app responded with ${sent}`, status, contentType, body, elapsedMs };
  }
  return { ok: true, use, status, contentType, body, elapsedMs };
}

/** A response larger than Twilio reads: audio is played all the same (none of it is kept); anything else is 11200. */
function tooLarge(error: ResponseTooLargeError, elapsedMs: number): TwimlFetched {
  const { status } = error;
  const contentType = String(error.headers["content-type"] ?? "");
  if (status >= 200 && status <= 299 && useOf(contentType) === "play")
    return { ok: true, use: "play", status, contentType, body: "", elapsedMs };
  const reason = `the document is larger than the ${TWIML_MAX_BYTES} bytes Twilio reads`;
  return { ok: false, code: 11200, reason, status, contentType, elapsedMs };
}

/**
 * Sends a signed request for TwiML within Twilio's limits (15 s unless told otherwise, 64 KiB) and judges the
 * response as Twilio does.
 */
export async function requestTwiml(
  signed: SignedWebhook,
  send: WebhookSender = sendSigned,
  timeoutMs = TWILIO_WEBHOOK_TIMEOUT_MS,
): Promise<TwimlFetched> {
  const started = performance.now();
  try {
    return judged(await send(signed, { ...TWIML_REQUEST_LIMITS, timeoutMs }));
  } catch (error) {
    const elapsedMs = performance.now() - started;
    if (error instanceof ResponseTooLargeError) return tooLarge(error, elapsedMs);
    return noResponse(error, elapsedMs);
  }
}
