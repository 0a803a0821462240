// Status callbacks as Twilio sends them, for calls created on the mock: the requested events in order, signed
// with the auth token the request was made with, to loopback URLs only. Delivery never blocks or fails a request.
import { basicAuthHeader } from "../basic-auth.js";
import { exchange } from "../http-exchange.js";
import { isLoopbackUrl } from "../loopback.js";
import { computeSignature } from "../webhooks.js";

const EVENT_ORDER = ["initiated", "ringing", "answered", "completed"] as const;
const STATUS_FOR_EVENT: Record<string, string> = {
  initiated: "initiated",
  ringing: "ringing",
  answered: "in-progress",
  completed: "completed",
};
const CALLBACK_TIMEOUT_MS = 2000;

export type Log = (line: string) => void;

const rfc2822Now = () => new Date().toUTCString().replace(/GMT$/, "+0000");

// Credentials in a callback URL are for Basic auth, not part of what Twilio signs or logs.
function shown(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

async function deliver(
  url: string,
  method: string,
  params: Record<string, string>,
  authToken: string,
): Promise<number> {
  const target = new URL(url);
  const headers: Record<string, string> = { "User-Agent": "calls-contract-mock" };
  if (target.username)
    headers.Authorization = basicAuthHeader(decodeURIComponent(target.username), decodeURIComponent(target.password));
  target.username = "";
  target.password = "";
  let body: string | undefined;
  if (method === "GET") {
    for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
    headers["X-Twilio-Signature"] = computeSignature(authToken, target.toString());
  } else {
    body = new URLSearchParams(params).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["X-Twilio-Signature"] = computeSignature(authToken, target.toString(), params);
  }
  // Redirects are not followed: the loopback rule was checked for this URL, not for wherever a 3xx points.
  const answer = await exchange(target, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    timeoutMs: CALLBACK_TIMEOUT_MS,
    // Twilio reads only the status of a callback's answer; so does the mock, and no body is buffered.
    maxAnswerBytes: 0,
  });
  return answer.status;
}

export function sendStatusCallbacks(
  form: Record<string, unknown>,
  call: Record<string, unknown>,
  authToken: string,
  log: Log,
): void {
  const url = form.StatusCallback as string | undefined;
  if (!url || form.ApplicationSid !== undefined) return;
  if (!isLoopbackUrl(url)) {
    log(`status callbacks: not calling ${shown(url)}; the mock calls back loopback URLs only`);
    return;
  }
  const requested = (form.StatusCallbackEvent as string[] | undefined) ?? ["completed"];
  const events = EVENT_ORDER.filter((e) => requested.includes(e));
  const method = (form.StatusCallbackMethod as string | undefined) ?? "POST";
  void (async () => {
    for (const [sequence, event] of events.entries()) {
      const params: Record<string, string> = {
        CallSid: String(call.sid),
        AccountSid: String(call.account_sid),
        From: String(form.From),
        To: String(form.To),
        CallStatus: STATUS_FOR_EVENT[event]!,
        ApiVersion: "2010-04-01",
        Direction: "outbound-api",
        CallbackSource: "call-progress-events",
        SequenceNumber: String(sequence),
        Timestamp: rfc2822Now(),
        ...(event === "completed" ? { CallDuration: "0" } : {}),
      };
      try {
        const status = await deliver(url, method, params, authToken);
        if (status >= 300) log(`status callback ${event} to ${shown(url)} answered ${status}`);
      } catch (error) {
        const { code, name } = error as { code?: string; name: string };
        const cause = code ?? name;
        log(`status callback ${event} to ${shown(url)} failed (${cause}); the mock carries on`);
      }
    }
  })();
}
