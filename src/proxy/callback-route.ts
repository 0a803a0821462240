// A callback from Twilio: judged (its X-Twilio-Signature against the URL Twilio used, its fields against the
// webhook's schema), then passed on to the app whatever it holds, and recorded with the URL Twilio used.
import { harEntry, type SeenRequest } from "../har/entry.js";
import type { RequestVerdict } from "../verify/checks.js";
import { callbackFindings } from "../verify/observe.js";
import {
  appQueryKey,
  type CallbackOptions,
  type CallbackRequest,
  callbackRequest,
  signatureVerdict,
} from "./callbacks.js";
import { type Arrival, passOn, type Route, type RouteTools, recordForwarded, unsent } from "./route.js";

/** The findings on a callback of a known webhook; its signature goes into the entry's notes. */
function judgeCallback(
  arrival: Arrival,
  callback: CallbackRequest,
  authToken: string,
  seen: SeenRequest,
): RequestVerdict | undefined {
  if (!callback.webhook) return undefined;
  const { req, read, notes, started } = arrival;
  notes.webhook = callback.webhook;
  if (!read.overflow) {
    const header = req.headers["x-twilio-signature"];
    const signature = Array.isArray(header) ? header[0] : header;
    const signed = { method: seen.method, url: callback.signedUrl, body: read.body.toString("utf8") };
    notes.signature = signatureVerdict(authToken, signature, signed);
  }
  return callbackFindings(harEntry(seen, undefined, unsent(started), notes), callback.webhook);
}

export function createCallbackRoute(tools: RouteTools, callbacks: CallbackOptions): Route {
  return async (arrival) => {
    const { req, read } = arrival;
    const method = req.method ?? "GET";
    const callback = callbackRequest(req.url ?? "/", req.headers.host, callbacks);
    // The record shows the URL Twilio used, which is what its signature covers.
    const seen = { method, url: callback.signedUrl, rawHeaders: req.rawHeaders, body: read.body };
    const rawVerdict = judgeCallback(arrival, callback, callbacks.authToken, seen);
    const outgoing = { method, url: callback.destination, rawHeaders: req.rawHeaders, body: read.body };
    const forwarded = await passOn(tools.forwarder, arrival, outgoing);
    const secretQueryParam = appQueryKey(callback.webhook, method);
    recordForwarded(tools.recorder, arrival, { seen, forwarded, rawVerdict, secretQueryParam });
  };
}
