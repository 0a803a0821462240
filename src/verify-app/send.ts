// Sends one planned request to the app through the shared webhook delivery, as Twilio would (or, for a forgery, as
// an attacker would), and keeps what the checks read: the status, the time it took, the Content-Type and, for a
// request for TwiML, the response judged by the simulator's rule (requestTwiml: a document to run, text to say,
// audio to play, or Twilio's error code) and a document checked by validateTwiml, as voice or messaging TwiML.
import { type TwimlKind, type TwimlResult, validateTwiml } from "../twiml/index.js";
import {
  noResponseReason,
  requestTwiml,
  type SignedWebhook,
  sendSigned,
  signWebhook,
  type TwimlFetched,
  type WebhookRequest,
} from "../webhook-delivery.js";
import { forgedRequest } from "./forgeries.js";
import type { AppRequest } from "./plan.js";

const USER_AGENT = "calls-contract-verify-app";

export interface AppExchange {
  request: AppRequest;
  /** `POST http://127.0.0.1:3000/voice`, for reports. */
  line: string;
  /** Undefined when there was no response. */
  status?: number;
  /** Why there was no response: `ECONNREFUSED`, `no response within 15000 ms`. */
  failure?: string;
  elapsedMs: number;
  contentType: string;
  /** The body, for a request for TwiML; "" for a callback, whose response Twilio does not read. */
  body: string;
  /** For a request for TwiML that got a response: what Twilio makes of it. */
  fetched?: TwimlFetched;
  /** The document checked by validateTwiml: set for a 2xx response Twilio reads as TwiML. */
  twiml?: TwimlResult;
}

/** The TwiML a request asks for: voice for the voice URL and its documents' actions, messaging for the SMS URL. */
const TWIML_KINDS: Partial<Record<AppRequest["webhook"], TwimlKind>> = {
  voiceRequest: "voice",
  smsRequest: "messaging",
};

/** The TwiML a request asks for, or undefined for a callback, whose response Twilio does not read. */
export const twimlKindOf = (request: AppRequest): TwimlKind | undefined => TWIML_KINDS[request.webhook];

export interface SendOptions {
  authToken: string;
  timeoutMs: number;
}

/** A request for TwiML, judged as the simulator judges it: Twilio reads up to 64 KiB of a document. */
async function sendForTwiml(
  request: AppRequest,
  kind: TwimlKind,
  line: string,
  signed: SignedWebhook,
  timeoutMs: number,
) {
  const fetched = await requestTwiml(signed, sendSigned, timeoutMs);
  const { elapsedMs } = fetched;
  // 11205 and 11210: there was no response at all.
  if (!fetched.ok && fetched.status === undefined)
    return { request, line, failure: fetched.reason, elapsedMs, contentType: "", body: "" };
  const exchange: AppExchange = {
    request,
    line,
    status: fetched.status,
    elapsedMs,
    contentType: fetched.contentType ?? "",
    body: fetched.body ?? "",
    fetched,
  };
  if (fetched.ok && fetched.use === "twiml") exchange.twiml = validateTwiml(exchange.body, { kind });
  return exchange;
}

export async function sendAppRequest(request: AppRequest, options: SendOptions): Promise<AppExchange> {
  const { url, method, params } = request;
  const delivery: WebhookRequest = { url, method, params, authToken: options.authToken, userAgent: USER_AGENT };
  const signed = request.forgery ? forgedRequest(delivery, request.forgery) : signWebhook(delivery);
  const line = `${method} ${signed.target.origin}${signed.target.pathname}`;
  const kind = twimlKindOf(request);
  if (kind) return sendForTwiml(request, kind, line, signed, options.timeoutMs);
  const started = performance.now();
  try {
    // Twilio reads nothing of a callback's response but its status.
    const response = await sendSigned(signed, { timeoutMs: options.timeoutMs, maxResponseBytes: 0 });
    const contentType = String(response.headers["content-type"] ?? "");
    return { request, line, status: response.status, elapsedMs: response.elapsedMs, contentType, body: "" };
  } catch (error) {
    const elapsedMs = performance.now() - started;
    return { request, line, failure: noResponseReason(error), elapsedMs, contentType: "", body: "" };
  }
}
