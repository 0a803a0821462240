// A server that stands in front of another (the test mock), passes every request on, and lets a test change the
// JSON responses on their way back: a server that is Twilio-like but for one thing.
import { type RecordedRequest, startHttpServer } from "./http-server.js";

export type Rewrite = (status: number, body: unknown, request: RecordedRequest) => unknown;

export function startRewritingProxy(targetUrl: string, rewrite: Rewrite) {
  return startHttpServer(async (request, response) => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(`${targetUrl}${request.url}`, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "DELETE" ? undefined : request.body,
    });
    const text = await upstream.text();
    const isJson = (upstream.headers.get("content-type") ?? "").includes("json") && text !== "";
    const body = isJson ? JSON.stringify(rewrite(upstream.status, JSON.parse(text), request)) : text;
    response.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") ?? "text/plain" });
    response.end(body);
  });
}

/** Applies `change` to every Call in a body: the body itself, or each entry of a page. */
export function eachCall(body: unknown, change: (call: Record<string, unknown>) => void): unknown {
  const record = body as Record<string, unknown>;
  if (Array.isArray(record?.calls)) for (const call of record.calls) change(call as Record<string, unknown>);
  else if (typeof record?.sid === "string") change(record);
  return body;
}
