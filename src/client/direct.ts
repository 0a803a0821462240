// The client's methods over a built-in transport without openapi-fetch in between. Per request openapi-fetch
// merges the headers twice into WHATWG Headers, builds a Request and reads it back; here the URL comes from
// openapi-fetch's own URL builder and serializers, the headers are made once, and the response is read by the same
// rules openapi-fetch applies (docs/performance.md). Middleware added to `raw` runs inside openapi-fetch, so the
// client uses this only while `raw` has none (send-paths.ts).
import { createFinalURL, defaultPathSerializer, type QuerySerializer } from "openapi-fetch";
import { encodeForm } from "../form.js";
import { abortError, type RoundTrip, tagged } from "./round-trip.js";
import { httpUrl, LiteResponse } from "./transport.js";

/** The form body's media type, on both ways a request is sent. */
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** What one attempt resolves with, by either way: openapi-fetch's result, with the body parsed as JSON. */
export interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export type DirectSend = (
  method: "GET" | "POST" | "DELETE",
  path: string,
  params: { path: Record<string, string>; query?: object },
  body: object | undefined,
  init: { signal?: AbortSignal; timeoutMs?: number },
) => Promise<Outcome>;

/** What openapi-fetch makes of a response when the body is read as JSON (its coreFetch, parseAs "json"). */
async function asOpenapiFetchReadsIt(response: LiteResponse, method: string): Promise<Outcome> {
  const res = response as unknown as Response;
  const contentLength = response.headers.get("Content-Length");
  const chunked = response.headers.get("Transfer-Encoding")?.includes("chunked");
  if (response.status === 204 || method === "HEAD" || (contentLength === "0" && !chunked)) {
    return response.ok ? { data: undefined, response: res } : { error: undefined, response: res };
  }
  if (response.ok) {
    if (!contentLength) {
      const raw = await response.text();
      return { data: raw ? JSON.parse(raw) : undefined, response: res };
    }
    return { data: await response.json(), response: res };
  }
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // not JSON: the text is the error, as openapi-fetch leaves it
  }
  return { error, response: res };
}

/**
 * Sends as openapi-fetch would with the client's options: `headers` are the client's, with lower-case names; a
 * body is encoded as a form and sent with its Content-Type.
 */
export function directSend(
  roundTrip: RoundTrip,
  baseUrl: string,
  headers: Record<string, string>,
  querySerializer: QuerySerializer<unknown>,
): DirectSend {
  const withForm = { ...headers, "content-type": FORM_CONTENT_TYPE };
  return async (method, path, params, body, { signal, timeoutMs }) => {
    const url = httpUrl(
      createFinalURL(path, {
        baseUrl,
        params: params as { path: Record<string, string>; query?: Record<string, unknown> },
        querySerializer,
        pathSerializer: defaultPathSerializer,
      }),
    );
    if (signal?.aborted) throw tagged(abortError(signal), false);
    const incoming = await roundTrip({
      url,
      method,
      // A copy: a round trip may add to it (node:http its Content-Length).
      headers: { ...(body === undefined ? headers : withForm) },
      body: body === undefined ? undefined : encodeForm(body as Record<string, unknown>),
      signal,
      timeoutMs,
    });
    return asOpenapiFetchReadsIt(new LiteResponse(incoming), method);
  };
}
