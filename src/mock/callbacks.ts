// Status callbacks as Twilio sends them, for calls created on the mock: the requested events in order, signed
// with the auth token the request was made with, to loopback URLs only. Delivery never blocks or fails a request;
// signing and sending are the shared webhook delivery's (src/webhook-delivery.ts): Twilio's limits and retries,
// changed by the callback URL's connection overrides, one idempotency token per event.
import type { components } from "../../generated/calls.js";
import { isLoopbackUrl } from "../loopback.js";
import { operations } from "../validation/index.js";
import {
  type DeliveryOutcome,
  type DeliveryVariation,
  deliverSigned,
  readConnectionOverrides,
  signWebhook,
} from "../webhook-delivery.js";

type Schemas = components["schemas"];
/** An event createCall's StatusCallbackEvent may name, as the spec lists them. */
export type ProgressEvent = NonNullable<Schemas["CreateCallRequest"]["StatusCallbackEvent"]>[number];

// A record, so that the type check fails on an event the spec lacks or lacks one it has: each event, in lifecycle
// order, with the CallStatus its callback reports.
const STATUS_FOR_EVENT: Record<ProgressEvent, Schemas["WebhookCallStatus"]> = {
  initiated: "initiated",
  ringing: "ringing",
  answered: "in-progress",
  completed: "completed",
};
const EVENT_ORDER = Object.keys(STATUS_FOR_EVENT) as ProgressEvent[];

export type Log = (line: string) => void;

/** A time as Twilio writes it: RFC 2822 in UTC with +0000. */
export const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace(/GMT$/, "+0000");

/** The events a create asked for, in lifecycle order; the spec's default when none (a spaced list is read too). */
export function requestedEvents(form: Record<string, unknown>): ProgressEvent[] {
  const values = (form.StatusCallbackEvent ?? operations.createCall.bodyDefaults?.StatusCallbackEvent) as string[];
  const names = new Set(values.flatMap((v) => String(v).split(" ")));
  return EVENT_ORDER.filter((e) => names.has(e));
}

/** Where a create's status callbacks go, or undefined when it asked for none (or ApplicationSid overrides it). */
export function callbackTarget(form: Record<string, unknown>): { url: string; method: string } | undefined {
  const url = form.StatusCallback as string | undefined;
  if (!url || form.ApplicationSid !== undefined) return undefined;
  const method = form.StatusCallbackMethod ?? operations.createCall.bodyDefaults?.StatusCallbackMethod;
  return { url, method: method as string };
}

// Credentials in a callback URL are for Basic auth, not part of what Twilio signs or logs.
export function shownUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

/** How one callback is delivered beyond Twilio's rules: a variation, and the clock a held-back one waits on. */
export interface CallbackDelivery {
  variation?: DeliveryVariation;
  wait?: (ms: number) => Promise<void>;
}

/** Signs and delivers one callback; Twilio reads only the status of a callback's response, so no body is read. */
export function deliverCallback(
  url: string,
  method: string,
  params: Record<string, string>,
  authToken: string,
  delivery: CallbackDelivery = {},
): Promise<DeliveryOutcome> {
  const signed = signWebhook({ url, method, params, authToken, userAgent: "calls-contract-mock" });
  return deliverSigned(signed, {
    maxResponseBytes: 0,
    ...delivery.variation,
    ...(delivery.wait ? { wait: delivery.wait } : {}),
  });
}

/** The parameters of one progress event, as Twilio sends them. */
export function progressParams(fields: {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
  callStatus: string;
  sequence: number;
  timestamp: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    CallSid: fields.callSid,
    AccountSid: fields.accountSid,
    From: fields.from,
    To: fields.to,
    CallStatus: fields.callStatus,
    ApiVersion: "2010-04-01",
    Direction: "outbound-api" satisfies Schemas["CallDirection"],
    CallbackSource: "call-progress-events" satisfies Schemas["StatusCallbackPayload"]["CallbackSource"],
    SequenceNumber: String(fields.sequence),
    Timestamp: rfc2822(fields.timestamp),
    ...fields.extra,
  };
}

/** What an outcome was, as its record keeps it: the last status, or why there was no response. */
function resultOf(outcome: DeliveryOutcome): { status?: number; error?: string } {
  if (outcome.response) return { status: outcome.response.status };
  if (outcome.code !== undefined) return { error: `error ${outcome.code}` };
  const { code, name } = outcome.error as { code?: string; name?: string };
  return { error: code ?? name ?? "no response" };
}

/** One delivery as a log line: nothing for a 2xx, else what the receiver responded with, or why it did not respond. */
export async function deliverAndLog(
  target: { url: string; method: string },
  event: string,
  params: Record<string, string>,
  authToken: string,
  log: Log,
  delivery: CallbackDelivery = {},
): Promise<{ status?: number; error?: string }> {
  const outcome = await deliverCallback(target.url, target.method, params, authToken, delivery);
  const result = resultOf(outcome);
  const shown = shownUrl(target.url);
  const tries = outcome.attempts.filter((a) => !a.duplicate);
  if (tries.length > 1)
    log(
      `status callback ${event} to ${shown}: ${tries.length} attempts (${tries.map((a) => a.status ?? a.error).join(", ")})`,
    );
  if (result.status !== undefined && result.status >= 300)
    log(`status callback ${event} to ${shown} responded ${result.status}`);
  if (result.error !== undefined)
    log(`status callback ${event} to ${shown} failed (${result.error}); the mock carries on`);
  return result;
}

/** Whether the mock may call this URL back; when not, it says so once. */
export function mayCallBack(url: string, log: Log): boolean {
  if (isLoopbackUrl(url)) {
    for (const note of readConnectionOverrides(url).notes) log(`status callbacks to ${shownUrl(url)}: ${note}`);
    return true;
  }
  log(`status callbacks: not calling ${shownUrl(url)}; the mock calls back loopback URLs only`);
  return false;
}

/** The stateless mock's callbacks: every requested event at once, in order, right after the create. */
export function sendStatusCallbacks(
  form: Record<string, unknown>,
  call: Record<string, unknown>,
  authToken: string,
  log: Log,
): void {
  const target = callbackTarget(form);
  if (!target || !mayCallBack(target.url, log)) return;
  void (async () => {
    for (const [sequence, event] of requestedEvents(form).entries()) {
      const params = progressParams({
        callSid: String(call.sid),
        accountSid: String(call.account_sid),
        from: String(form.From),
        to: String(form.To),
        callStatus: STATUS_FOR_EVENT[event],
        sequence,
        timestamp: Date.now(),
        ...(event === "completed" ? { extra: { CallDuration: "0" } } : {}),
      });
      await deliverAndLog(target, event, params, authToken, log);
    }
  })();
}
