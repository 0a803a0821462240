// The client's built-in transports as fetch-compatible functions: one over undici (the default, the fastest here;
// docs/performance.md) and one over node:http(s). Each makes round trips (send the bytes, read a bounded response,
// say whether a failure may have reached the server); what they share lives here: the request and response types
// that skip WHATWG bodies, and turning a round trip into a fetch.

import { nodeRoundTrip } from "./node-transport.js";
import { abortError, type Incoming, type RoundTrip, tagged } from "./round-trip.js";
import { undiciRoundTrip } from "./undici-transport.js";

export type Fetch = (request: Request) => Promise<Response>;

/** Which built-in transport carries the requests. */
export type TransportKind = "undici" | "node";

/**
 * undici: measured faster here, in requests per second and in CPU per request (docs/performance.md); it is loaded
 * on the first request, not at import.
 */
export const DEFAULT_TRANSPORT: TransportKind = "undici";

export interface HttpTransportOptions {
  /** "undici" (default) or "node" (node:http and node:https with keep-alive agents). */
  transport?: TransportKind;
  /** Concurrent sockets per host. Defaults to 64. */
  maxSockets?: number;
  /** The most of one response's body that is read; a larger response fails. Defaults to 10 MiB (a page of 1000 calls is under 2 MiB). */
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A 2xx response whose body is not the JSON it should be: a response, not a network failure, so never retried. */
export class MalformedResponseError extends Error {
  override name = "MalformedResponseError";
  constructor(
    readonly status: number,
    readonly snippet: string,
  ) {
    super(`the server responded ${status} with ${snippet === "" ? "an empty body" : "a body that is not JSON"}`);
  }
}

/**
 * The few Request members openapi-fetch and this transport use, without the cost of a WHATWG Request and its
 * body stream (openapi-fetch takes a custom Request class for this). Only ever paired with this transport. It also
 * carries the attempt's time limit (openapi-fetch hands the request's init to this constructor as it is).
 */
export class LiteRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number | undefined;
  constructor(
    url: string,
    init: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null; timeoutMs?: number },
  ) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = typeof init.body === "string" ? init.body : undefined;
    this.signal = init.signal ?? undefined;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The Response members openapi-fetch reads (status, ok, headers.get, text, json), over an already-read body. */
export class LiteResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  private readonly payload: Buffer;
  constructor(incoming: Incoming) {
    const { status, headers: raw } = incoming;
    this.status = status;
    this.statusText = incoming.statusText;
    this.payload = incoming.payload;
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get(name: string) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }
  async text(): Promise<string> {
    return this.payload.toString("utf8");
  }
  async json(): Promise<unknown> {
    const text = this.payload.toString("utf8");
    try {
      return JSON.parse(text);
    } catch {
      throw new MalformedResponseError(this.status, text.slice(0, 80));
    }
  }
}

/** A real Response, for a caller that handed this transport a WHATWG Request (it is then someone's own fetch). */
function toResponse(incoming: Incoming, method: string): Response {
  const { status, payload } = incoming;
  const empty = status === 204 || status === 304 || method === "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Response(empty ? null : payload, { status, statusText: incoming.statusText, headers });
}

/** The URL of a request a built-in transport can carry: http or https. */
export function httpUrl(text: string): URL {
  const url = new URL(text);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError(`unsupported protocol ${url.protocol}`);
  return url;
}

/** A fetch-compatible function over a round trip. */
export function fetchOver(roundTrip: RoundTrip): Fetch {
  return async function transport(request: Request | LiteRequest): Promise<Response> {
    const url = httpUrl(request.url);
    const lite = request instanceof LiteRequest;
    const body = lite ? request.body : request.body ? Buffer.from(await (request as Request).arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const signal = request.signal ?? undefined;
    if (signal?.aborted) throw tagged(abortError(signal), false);
    const timeoutMs = lite ? request.timeoutMs : undefined;
    const incoming = await roundTrip({ url, method: request.method, headers, body, signal, timeoutMs });
    return lite ? (new LiteResponse(incoming) as unknown as Response) : toResponse(incoming, request.method);
  } as Fetch;
}

/** A keep-alive round trip over undici (the default) or node:http(s). */
export function createRoundTrip(options: HttpTransportOptions = {}): RoundTrip {
  const roundTripOptions = {
    maxSockets: options.maxSockets ?? 64,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
  const kind = options.transport ?? DEFAULT_TRANSPORT;
  if (kind !== "undici" && kind !== "node") throw new TypeError(`transport must be "undici" or "node", not ${kind}`);
  return kind === "undici" ? undiciRoundTrip(roundTripOptions) : nodeRoundTrip(roundTripOptions);
}

/** A keep-alive transport, fetch-compatible, over undici (the default) or node:http(s). */
export function createHttpTransport(options: HttpTransportOptions = {}): Fetch {
  return fetchOver(createRoundTrip(options));
}
