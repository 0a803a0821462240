// The ways one attempt travels: over a built-in transport straight (direct.ts), over a built-in transport through
// openapi-fetch once middleware is added to `raw` (middleware runs only inside openapi-fetch, so from then on every
// attempt goes through it), or through openapi-fetch over a fetch of the caller's own. The headers, openapi-fetch's
// client and its query serializer are made once per client; each operation's method and path are the spec's
// (generated/manifest.js).
import createClient, { createQuerySerializer } from "openapi-fetch";
import { type OperationId, operations } from "../../generated/manifest.js";
import { basicAuthHeader } from "../basic-auth.js";
import { encodeForm } from "../form.js";
import type { AttemptLimit } from "./attempt.js";
import type { DeclaredErrorsPaths, RawCallsClient } from "./declared-errors.js";
import { directSend, FORM_CONTENT_TYPE, type Outcome } from "./direct.js";
import type { CallsClientOptions } from "./options.js";
import type { RequestParts } from "./request-check.js";
import { createRoundTrip, fetchOver, LiteRequest } from "./transport.js";

export interface SendPaths {
  /** The openapi-fetch client, handed to the caller as the client's `raw`. */
  readonly raw: RawCallsClient;
  /** Whether a built-in transport carries the requests: it then keeps each attempt's time limit itself. */
  readonly builtIn: boolean;
  /** Sends one attempt of an operation, by whichever way is open to it now. */
  attempt(operation: OperationId, parts: RequestParts, init: AttemptLimit["init"]): Promise<Outcome>;
}

const FORM = { "Content-Type": FORM_CONTENT_TYPE } as const;

/** openapi-fetch's methods as the attempts call them: by a method and path known only at run time. */
type ByMethod = Record<"GET" | "POST" | "DELETE", (path: string, init: object) => Promise<Outcome>>;

export function sendPaths(
  options: Pick<CallsClientOptions, "accountSid" | "authToken" | "fetch" | "transport" | "maxResponseBytes">,
  baseUrl: string,
): SendPaths {
  const builtIn = options.fetch === undefined;
  const roundTrip = builtIn
    ? createRoundTrip({ transport: options.transport, maxResponseBytes: options.maxResponseBytes })
    : undefined;
  // identity: a response is read as sent, never inflated past the size limit.
  const headers = {
    accept: "application/json",
    "accept-encoding": "identity",
    authorization: basicAuthHeader(options.accountSid, options.authToken),
  };
  // openapi-fetch's default, made once: without it openapi-fetch builds the same serializer on every request.
  const querySerializer = createQuerySerializer();
  const raw = createClient<DeclaredErrorsPaths>({
    baseUrl,
    fetch: options.fetch ?? fetchOver(roundTrip!),
    // With the built-in transport, skip the WHATWG Request and its body stream (measured: docs/performance.md).
    ...(builtIn ? { Request: LiteRequest as unknown as typeof Request } : {}),
    headers,
    bodySerializer: (body: unknown) => encodeForm(body as Record<string, unknown>),
    querySerializer,
  });
  const sendDirect = roundTrip && directSend(roundTrip, baseUrl, headers, querySerializer);
  let middleware = false;
  const use = raw.use.bind(raw);
  raw.use = (...added) => {
    middleware = true;
    use(...added);
  };
  return {
    raw,
    builtIn,
    attempt(operation, { path, query, body }, init) {
      const { method, path: template } = operations[operation];
      const params = query === undefined ? { path } : { path, query };
      if (sendDirect && !middleware) return sendDirect(method, template, params, body, init);
      const openapiFetch = raw as unknown as ByMethod;
      return body === undefined
        ? openapiFetch[method](template, { params, ...init })
        : openapiFetch[method](template, { params, body, headers: FORM, ...init });
    },
  };
}
