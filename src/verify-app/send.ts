// Sends one planned request to the app through the shared webhook delivery, as Twilio would (or, for a forgery, as
// an attacker would), and keeps what the checks read: the status, the time it took, the Content-Type and, for a
// request for TwiML, the document read as Twilio reads it (at most 64 KiB) and checked by validateTwiml.
import { ResponseTooLargeError } from "../http-exchange.js";
import { type TwimlResult, validateTwiml } from "../twiml/index.js";
import {
  type DeliveryLimits,
  sendSigned,
  signWebhook,
  TWIML_MAX_BYTES,
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
  /** Set when the body was larger than Twilio reads. */
  tooLarge?: boolean;
  /** The document checked by validateTwiml: set for a 2xx response to a request for TwiML. */
  twiml?: TwimlResult;
}

/** Whether a request asks for TwiML: the voice URL and the action URLs of its documents. */
export const asksForTwiml = (request: AppRequest) => request.webhook === "voiceRequest";

export interface SendOptions {
  authToken: string;
  timeoutMs: number;
}

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

function failureOf(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === "ETIMEDOUT") return message ?? code;
  return code ?? message ?? String(error);
}

export async function sendAppRequest(request: AppRequest, options: SendOptions): Promise<AppExchange> {
  const { url, method, params } = request;
  const delivery: WebhookRequest = { url, method, params, authToken: options.authToken, userAgent: USER_AGENT };
  const signed = request.forgery ? forgedRequest(delivery, request.forgery) : signWebhook(delivery);
  const forTwiml = asksForTwiml(request);
  // Twilio reads a TwiML document up to 64 KiB, and nothing of a callback's response but its status.
  const limits: DeliveryLimits = { timeoutMs: options.timeoutMs, maxResponseBytes: forTwiml ? TWIML_MAX_BYTES : 0 };
  const line = `${method} ${signed.target.origin}${signed.target.pathname}`;
  const started = performance.now();
  try {
    const response = await sendSigned(signed, limits);
    const exchange: AppExchange = {
      request,
      line,
      status: response.status,
      elapsedMs: response.elapsedMs,
      contentType: String(response.headers["content-type"] ?? ""),
      body: response.body.toString("utf8"),
    };
    if (forTwiml && isSuccess(exchange.status)) exchange.twiml = validateTwiml(exchange.body);
    return exchange;
  } catch (error) {
    const elapsedMs = performance.now() - started;
    if (error instanceof ResponseTooLargeError) {
      const contentType = String(error.headers["content-type"] ?? "");
      return { request, line, status: error.status, elapsedMs, contentType, body: "", tooLarge: true };
    }
    return { request, line, failure: failureOf(error), elapsedMs, contentType: "", body: "" };
  }
}
