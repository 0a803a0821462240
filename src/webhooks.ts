// X-Twilio-Signature: HMAC-SHA1, keyed by the auth token, over the full URL followed by every POST parameter sorted
// by name (name then value, values of a repeated name in order), in base64. GET callbacks sign the URL alone.
// A webhook a Webhook Rule applies a Setting to is signed instead with the Setting's shared key and algorithm
// (HMAC-SHA256), over the same string, and carries X-Twilio-Webhooks-Signature-Settings naming both: "Sign webhooks
// with shared keys" (https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys, public beta) and twilio-node's
// examples/WebhookSignatureValidation.md. A URL's fragment (connection overrides) is never sent, so never signed.
import { CallsError } from "./client/errors.js";
import type { components } from "./client/types.js";
import { type FormInput, formEntries } from "./form.js";
import { validateWebhook, type WebhookId } from "./validation/index.js";

type Schemas = components["schemas"];
export type StatusCallbackPayload = Schemas["StatusCallbackPayload"] & Schemas["CallWebhookBase"];
export type RecordingStatusCallbackPayload = Schemas["RecordingStatusCallbackPayload"];
export type AsyncAmdStatusPayload = Schemas["AsyncAmdStatusPayload"];
export type VoiceRequestPayload = Schemas["VoiceRequestPayload"] & Schemas["CallWebhookBase"];
/** What the retired 2008-08-01 API posted to a call's Url, with DialStatus. */
export type LegacyVoiceRequestPayload = Schemas["LegacyVoiceRequestPayload"];
/** What Twilio posted to a number's SMS URL when a text arrived, in the SMS/Messages era (seed 004). */
export type IncomingSmsPayload = Schemas["IncomingSmsPayload"];
/** What Twilio posted to an SMS/Messages message's StatusCallback: SmsSid and SmsStatus. */
export type SmsStatusCallbackPayload = Schemas["SmsStatusCallbackPayload"];

export interface WebhookPayloads {
  statusCallback: StatusCallbackPayload;
  recordingStatusCallback: RecordingStatusCallbackPayload;
  asyncAmdStatusCallback: AsyncAmdStatusPayload;
  voiceRequest: VoiceRequestPayload;
  legacyVoiceRequest: LegacyVoiceRequestPayload;
  smsRequest: IncomingSmsPayload;
  smsStatusCallback: SmsStatusCallbackPayload;
}

/** The hash of a signature: HMAC-SHA1 with the auth token, or, with a shared key, the Setting's algorithm. */
export type SignatureAlgorithm = "HMAC_SHA1" | "HMAC_SHA256";
/** The header that names the shared key and algorithm a webhook was signed with; absent for the auth token. */
export const SIGNATURE_SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings";
const HASHES: Record<SignatureAlgorithm, string> = { HMAC_SHA1: "sha1", HMAC_SHA256: "sha256" };

/**
 * The signature Twilio would send for this URL and form body (leave params out for a GET callback), keyed by the
 * auth token (HMAC-SHA1) or a shared key's secret with its algorithm.
 */
export function computeSignature(
  secret: string,
  url: string,
  params?: FormInput,
  algorithm: SignatureAlgorithm = "HMAC_SHA1",
): string {
  const sorted = (params === undefined ? [] : formEntries(params)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = withoutFragment(url) + sorted.map(([k, v]) => k + String(v)).join("");
  // node:crypto loads on the first signature, not at import.
  const { createHmac } = process.getBuiltinModule("node:crypto");
  return createHmac(HASHES[algorithm], secret).update(data, "utf8").digest("base64");
}

/** A URL without its fragment, which no client sends. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

/** The algorithm X-Twilio-Webhooks-Signature-Settings names (`key=KS...,algorithm=HMAC_SHA256`), if Twilio's. */
export function signatureAlgorithmOf(settings: string): SignatureAlgorithm | undefined {
  for (const part of settings.split(",")) {
    const [name, value] = part.split("=").map((s) => s.trim());
    if (name === "algorithm") return value === "HMAC_SHA1" || value === "HMAC_SHA256" ? value : undefined;
  }
  return undefined;
}

/** True when the signature matches, compared in constant time. */
export function isValidSignature(
  secret: string,
  signature: string | undefined,
  url: string,
  params?: FormInput,
  algorithm: SignatureAlgorithm = "HMAC_SHA1",
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(computeSignature(secret, url, params, algorithm));
  const given = Buffer.from(signature);
  const { timingSafeEqual } = process.getBuiltinModule("node:crypto");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookError extends CallsError {
  override name = "WebhookError";
  readonly reason: "missing-signature" | "bad-signature" | "signature-settings" | "invalid-body";
  constructor(reason: WebhookError["reason"], message: string) {
    super("validation", message);
    this.reason = reason;
  }
}

export interface IncomingWebhook {
  /** The full URL Twilio requested, exactly as configured (scheme, host, port, path and query). */
  url: string;
  /** The raw form body (omit for a GET callback: its fields are in the URL's query). */
  body?: string;
  /** The X-Twilio-Signature header. */
  signature: string | undefined;
  authToken: string;
  /** The X-Twilio-Webhooks-Signature-Settings header: present when a shared key signed the request. */
  signatureSettings?: string | undefined;
  /** The shared key's secret, for requests that name one in their signature settings. */
  sharedKeySecret?: string;
}

/** The secret and algorithm that should have signed the request, as its signature settings say. */
function signingOf(kind: string, request: IncomingWebhook): { secret: string; algorithm: SignatureAlgorithm } {
  if (!request.signatureSettings) return { secret: request.authToken, algorithm: "HMAC_SHA1" };
  const algorithm = signatureAlgorithmOf(request.signatureSettings);
  if (!algorithm)
    throw new WebhookError(
      "signature-settings",
      `${kind}: ${SIGNATURE_SETTINGS_HEADER} names no algorithm this checks (HMAC_SHA1 or HMAC_SHA256)`,
    );
  if (!request.sharedKeySecret)
    throw new WebhookError(
      "signature-settings",
      `${kind}: the request was signed with a shared key (${SIGNATURE_SETTINGS_HEADER}) and no sharedKeySecret was given`,
    );
  return { secret: request.sharedKeySecret, algorithm };
}

/** Checks the signature and schema of a request Twilio sent; returns its typed payload or throws WebhookError. */
export function parseWebhook<K extends WebhookId>(
  kind: K,
  request: IncomingWebhook,
): K extends keyof WebhookPayloads ? WebhookPayloads[K] : never {
  if (!request.signature)
    throw new WebhookError(
      "missing-signature",
      `${kind}: no X-Twilio-Signature header; the request cannot be shown to come from Twilio`,
    );
  const { secret, algorithm } = signingOf(kind, request);
  if (!isValidSignature(secret, request.signature, request.url, request.body, algorithm)) {
    throw new WebhookError(
      "bad-signature",
      `${kind}: X-Twilio-Signature does not match the URL and body ` +
        `(wrong ${algorithm === "HMAC_SHA1" ? "auth token" : "shared key"}, a changed parameter, or a URL that differs from the one configured)`,
    );
  }
  const fields = request.body ?? new URL(withoutFragment(request.url)).searchParams;
  const result = validateWebhook(kind, fields);
  if (!result.valid)
    throw new WebhookError("invalid-body", `${kind}: ${result.violations.map((v) => v.message).join("; ")}`);
  return result.value as never;
}
