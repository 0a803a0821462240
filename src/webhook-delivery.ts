// The one way this project sends an app a request as Twilio sends it (a request for TwiML, a status, recording or
// AMD callback): signed as Twilio signs it (delivery/signing.ts), delivered as Twilio delivers it, with the
// connection overrides of its URL's fragment, retries and the idempotency token (delivery/attempts.ts), credentials
// in the URL sent as Basic auth, no redirect followed, and a bounded read (http-exchange.ts). The mock's status
// callbacks, `verify-app` and the call simulator send through it; requestTwiml also says what Twilio makes of the
// response to a request for TwiML, for both: a document to run, text to say or audio to play, or the error code it
// logs (Twilio's error dictionary).

import {
  type Delivered,
  type DeliveryLimits,
  type DeliveryOptions,
  type DeliveryOutcome,
  deliverSigned,
  sendSigned,
  type WebhookSender,
} from "./delivery/attempts.js";
import { TWILIO_WEBHOOK_TIMEOUT_MS } from "./delivery/overrides.js";
import { type SignedWebhook, signWebhook, type WebhookRequest } from "./delivery/signing.js";
import { ResponseTooLargeError } from "./http-exchange.js";

export type {
  Delivered,
  DeliveryAttempt,
  DeliveryLimits,
  DeliveryOptions,
  DeliveryOutcome,
  DeliveryVariation,
  WebhookSender,
} from "./delivery/attempts.js";
export { deliverSigned, sendSigned } from "./delivery/attempts.js";
export type { ConnectionOverrides, RetryOn } from "./delivery/overrides.js";
export {
  DEFAULT_OVERRIDES,
  NUMERIC_OVERRIDES,
  readConnectionOverrides,
  TWILIO_WEBHOOK_TIMEOUT_MS,
} from "./delivery/overrides.js";
export type { SharedKey, SignedWebhook, WebhookParams, WebhookRequest } from "./delivery/signing.js";
export { IDEMPOTENCY_TOKEN_HEADER, signWebhook } from "./delivery/signing.js";

/** The largest TwiML document Twilio reads: 64 KiB. */
export const TWIML_MAX_BYTES = 64 * 1024;

/** The limits Twilio keeps when it requests TwiML, unless the URL's connection overrides change them. */
export const TWIML_REQUEST_LIMITS: DeliveryLimits = {
  timeoutMs: TWILIO_WEBHOOK_TIMEOUT_MS,
  maxResponseBytes: TWIML_MAX_BYTES,
};

/**
 * Signs and delivers one event as Twilio would: the URL's connection overrides, retries with one idempotency token,
 * and, when asked, the event duplicated or held back. Reads none of the response's body unless told to.
 */
export function deliverWebhook(
  request: WebhookRequest,
  options: Partial<DeliveryOptions> = {},
): Promise<DeliveryOutcome> {
  return deliverSigned(signWebhook(request), { maxResponseBytes: 0, ...options });
}

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
 * Delivers a signed request for TwiML within Twilio's limits (the URL's overrides; 15 s and one retry of a failed
 * connection unless told otherwise; 64 KiB) and judges the final response as Twilio does.
 */
export async function requestTwiml(
  signed: SignedWebhook,
  send: WebhookSender = sendSigned,
  timeCapMs?: number,
): Promise<TwimlFetched> {
  const started = performance.now();
  const capped = timeCapMs === undefined ? {} : { timeCapMs };
  const outcome = await deliverSigned(signed, { send, maxResponseBytes: TWIML_MAX_BYTES, ...capped });
  const elapsedMs = performance.now() - started;
  if (outcome.response) return judged({ ...outcome.response, elapsedMs });
  if (outcome.code !== undefined) return { ok: false, code: outcome.code, reason: reasonOf(outcome), elapsedMs };
  if (outcome.error instanceof ResponseTooLargeError) return tooLarge(outcome.error, elapsedMs);
  return noResponse(outcome.error, elapsedMs);
}

/** Why Twilio gave up before a response: the refused override, or tt run out. */
function reasonOf(outcome: DeliveryOutcome): string {
  if (outcome.code === 11243) return (outcome.error as Error).message;
  return `no response within the tt of ${outcome.attempts.length} attempt${outcome.attempts.length === 1 ? "" : "s"}`;
}
