// The round trip over undici (`transport: "undici"`, the default). It dispatches with a handler of its own rather
// than undici.request: the response is collected in memory as it arrives, with no body stream per request, which is
// where undici is faster than node:http here (docs/performance.md).
//
// undici calls onRequestStart on a connected socket just before it writes the request, so a failure before it
// means nothing was sent (refused, unreachable, connect time-out, aborted while waiting); anything after it may
// have reached the server. Redirects are not followed and nothing is inflated: dispatch does neither.
import type * as Undici from "undici";
import { ResponseTooLargeError } from "../http-exchange.js";
import {
  abortError,
  type Incoming,
  type RoundTrip,
  type RoundTripOptions,
  tagged,
  timeoutError,
} from "./round-trip.js";

type AgentClass = typeof Undici.Agent;
let Agent: AgentClass | undefined;

/**
 * undici's Agent, loaded on the first request: importing the client must stay cheap. Only the dispatcher is loaded
 * (about a third of the cost of `require("undici")`, which also loads fetch, WebSocket and caches); undici is
 * pinned to one version in package.json, and the transport tests fail if this path moves.
 */
function loadAgent(): AgentClass {
  if (!Agent) {
    const { createRequire } = process.getBuiltinModule("node:module");
    Agent = createRequire(import.meta.url)("undici/lib/dispatcher/agent.js") as AgentClass;
  }
  return Agent;
}

export function undiciRoundTrip(options: RoundTripOptions): RoundTrip {
  let agent: Undici.Agent | undefined;
  const limit = options.maxResponseBytes;
  return ({ url, method, headers, body, signal, timeoutMs }) => {
    // undici's own header and body time-outs are off: the attempt's time limit governs, as it does over node:http.
    // Its connect time-out (10 s) stays: such a failure never reached the server.
    agent ??= new (loadAgent())({ connections: options.maxSockets, headersTimeout: 0, bodyTimeout: 0 });
    return new Promise<Incoming>((resolve, reject) => {
      let started = false;
      let settled = false;
      let controller: Undici.Dispatcher.DispatchController | undefined;
      let status = 0;
      let statusText = "";
      let received: Incoming["headers"] = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let cancelled: Error | undefined;
      const cancel = (reason: Error) => {
        cancelled = reason;
        if (controller) controller.abort(reason);
        // Not yet written: fail now; onRequestStart aborts it before a byte goes out, should it still connect.
        else settle(tagged(reason, false));
      };
      const onAbort = () => cancel(abortError(signal!));
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => cancel(timeoutError(timeoutMs)), timeoutMs);
      const settle = (error: Error | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve({ status, statusText, headers: received, payload: Buffer.concat(chunks, size) });
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      agent!.dispatch(
        { origin: url.origin, path: url.pathname + url.search, method, headers, body },
        {
          onRequestStart(c) {
            if (cancelled) {
              c.abort(cancelled);
              return;
            }
            controller = c;
            started = true;
          },
          onResponseStart(_, statusCode, responseHeaders, statusMessage) {
            status = statusCode;
            statusText = statusMessage ?? "";
            received = responseHeaders;
          },
          onResponseData(c, chunk) {
            size += chunk.length;
            // Past the limit: stop reading, and the socket is destroyed with the request.
            if (size > limit) c.abort(new ResponseTooLargeError(limit));
            else chunks.push(chunk);
          },
          onResponseEnd() {
            settle(undefined);
          },
          onResponseError(_, error) {
            settle(error instanceof ResponseTooLargeError ? error : tagged(error, started));
          },
        },
      );
    });
  };
}
