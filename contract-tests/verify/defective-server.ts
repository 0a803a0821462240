// Small wrappers of the faithful stateful mock with one defect each, for verify --generate's own tests (the
// catalogue of seeded-fault servers lives in contract-tests/verify/faults/). Each passes every other request on.
import { type OnFinished, type RecordedRequest, startHttpServer } from "../support/http-server.js";

/** What a defect does with a request: answers it itself, or passes it on (changed or not). */
export type Defect = (request: RecordedRequest) => { status: number; body: string } | RecordedRequest;

const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Calls\/(CA[0-9a-fA-F]{32})\.json$/;

/** A server that answers every DELETE of a call with 204 and forgets nothing: deleted calls stay. */
export const keepsDeletedCalls: Defect = (request) =>
  request.method === "DELETE" && CALL_PATH.test(request.url.split("?")[0] ?? "") ? { status: 204, body: "" } : request;

/** A server that drops a Timeout above 600 from a create instead of refusing it. */
export const ignoresTimeoutLimit: Defect = (request) => {
  if (request.method !== "POST" || !request.url.endsWith("/Calls.json")) return request;
  const form = new URLSearchParams(request.body);
  const kept = [...form].filter(([key, value]) => key !== "Timeout" || !(Number(value) > 600));
  return { ...request, body: new URLSearchParams(kept).toString() };
};

/** A server that refuses a create giving both Record and StatusCallback, which Twilio takes. */
export const refusesRecordWithStatusCallback: Defect = (request) => {
  if (request.method !== "POST" || !request.url.endsWith("/Calls.json")) return request;
  const form = new URLSearchParams(request.body);
  if (!form.has("Record") || !form.has("StatusCallback")) return request;
  const body = { code: 21205, message: "Record and StatusCallback do not go together", status: 400 };
  return { status: 400, body: JSON.stringify(body) };
};

/** A server that serves every account's requests about one call from the account that owns it. */
export function seesOtherAccounts(owner: string): Defect {
  return (request) => {
    const match = CALL_PATH.exec(request.url.split("?")[0] ?? "");
    return match ? { ...request, url: request.url.replace(match[1] as string, owner) } : request;
  };
}

/** The mock at `targetUrl` behind `defect`, on a loopback port, closed when the test ends (or by `onFinished`). */
export function startDefectiveServer(targetUrl: string, defect: Defect, onFinished?: OnFinished) {
  return startHttpServer(async (recorded, response) => {
    const outcome = defect(recorded);
    if ("status" in outcome) {
      response.writeHead(outcome.status, outcome.body ? { "Content-Type": "application/json" } : {});
      response.end(outcome.body);
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(outcome.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(`${targetUrl}${outcome.url}`, {
      method: outcome.method,
      headers,
      body: outcome.method === "GET" || outcome.method === "DELETE" ? undefined : outcome.body,
    });
    response.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") ?? "text/plain" });
    response.end(await upstream.text());
  }, onFinished);
}
