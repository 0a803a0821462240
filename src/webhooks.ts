// X-Twilio-Signature: HMAC-SHA1, keyed by the auth token, over the full URL followed by every POST parameter sorted
// by name (name then value, values of a repeated name in order), in base64. GET callbacks sign the URL alone.
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

/** The signature Twilio would send for this URL and form body (leave params out for a GET callback). */
export function computeSignature(authToken: string, url: string, params?: FormInput): string {
  const sorted = (params === undefined ? [] : formEntries(params)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + sorted.map(([k, v]) => k + String(v)).join("");
  // node:crypto loads on the first signature, not at import.
  const { createHmac } = process.getBuiltinModule("node:crypto");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** True when the signature matches, compared in constant time. */
export function isValidSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params?: FormInput,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(computeSignature(authToken, url, params));
  const given = Buffer.from(signature);
  const { timingSafeEqual } = process.getBuiltinModule("node:crypto");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookError extends CallsError {
  override name = "WebhookError";
  readonly reason: "missing-signature" | "bad-signature" | "invalid-body";
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
  if (!isValidSignature(request.authToken, request.signature, request.url, request.body)) {
    throw new WebhookError(
      "bad-signature",
      `${kind}: X-Twilio-Signature does not match the URL and body ` +
        "(wrong auth token, a changed parameter, or a URL that differs from the one configured)",
    );
  }
  const fields = request.body ?? new URL(request.url).searchParams;
  const result = validateWebhook(kind, fields);
  if (!result.valid)
    throw new WebhookError("invalid-body", `${kind}: ${result.violations.map((v) => v.message).join("; ")}`);
  return result.value as never;
}
