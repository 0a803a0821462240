// A fetch-compatible function over node:http(s) with keep-alive agents. Node's global fetch measured slower than
// the official SDK's transport here; this one is faster than both (README, Performance) and adds no dependency.
// It also records whether a failed request may have reached the server, which decides if a create may be retried.
import type http from "node:http";
import type https from "node:https";
import { readBounded } from "../http-exchange.js";

export type Fetch = (request: Request) => Promise<Response>;

/** Set on errors from this transport: false only when no connection to the server was ever made. */
export const MAY_HAVE_REACHED_SERVER = Symbol("mayHaveReachedServer");

export interface HttpTransportOptions {
  /** Concurrent sockets per host. Defaults to 64. */
  maxSockets?: number;
  /** The most of one answer's body that is read; a larger answer fails. Defaults to 10 MiB (a page of 1000 calls is under 2 MiB). */
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A 2xx answer whose body is not the JSON it should be: an answer, not a network failure, so never retried. */
export class MalformedAnswerError extends Error {
  override name = "MalformedAnswerError";
  constructor(
    readonly status: number,
    readonly snippet: string,
  ) {
    super(`the server answered ${status} with a body that is not JSON`);
  }
}

/**
 * The few Request members openapi-fetch and this transport use, without the cost of a WHATWG Request and its
 * body stream (openapi-fetch takes a custom Request class for this). Only ever paired with this transport.
 */
export class LiteRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  constructor(
    url: string,
    init: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null },
  ) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = typeof init.body === "string" ? init.body : undefined;
    this.signal = init.signal ?? undefined;
  }
}

/** The Response members openapi-fetch reads (status, ok, headers.get, text, json), over an already-read body. */
class LiteResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    readonly statusText: string,
    raw: http.IncomingHttpHeaders,
    private readonly payload: Buffer,
  ) {
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
      throw new MalformedAnswerError(this.status, text.slice(0, 80));
    }
  }
}

export function createHttpTransport(options: HttpTransportOptions = {}): Fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // node:http and node:https load on the first request that needs them, not at import (they cost more to load
  // than the rest of the client together); the agents are made once and kept for keep-alive.
  let plain: { module: typeof http; agent: http.Agent } | undefined;
  let secure: { module: typeof https; agent: https.Agent } | undefined;
  const clientFor = (protocol: string) => {
    if (protocol === "http:") {
      const module = process.getBuiltinModule("node:http");
      plain ??= { module, agent: new module.Agent(agentOptions) };
      return plain;
    }
    if (protocol !== "https:") return undefined;
    const module = process.getBuiltinModule("node:https");
    secure ??= { module, agent: new module.Agent(agentOptions) };
    return secure;
  };
  return async function transport(request: Request | LiteRequest): Promise<Response> {
    const url = new URL(request.url);
    const client = clientFor(url.protocol);
    if (!client) throw new TypeError(`unsupported protocol ${url.protocol}`);
    const { agent } = client;
    const body =
      request instanceof LiteRequest
        ? request.body === undefined
          ? undefined
          : Buffer.from(request.body)
        : request.body
          ? Buffer.from(await request.arrayBuffer())
          : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body) headers["content-length"] = String(body.length);
    const signal = request.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      let connected = false;
      const fail = (error: Error) => reject(Object.assign(error, { [MAY_HAVE_REACHED_SERVER]: connected }));
      const req = client.module.request(url, { method: request.method, headers, agent }, (res) => {
        readBounded(res, maxResponseBytes).then((payload) => {
          const status = res.statusCode ?? 502;
          if (request instanceof LiteRequest) {
            resolve(new LiteResponse(status, res.statusMessage ?? "", res.headers, payload) as unknown as Response);
            return;
          }
          const empty = status === 204 || status === 304 || request.method === "HEAD";
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          resolve(
            new Response(empty ? null : payload, {
              status,
              statusText: res.statusMessage ?? "",
              headers: responseHeaders,
            }),
          );
        }, fail);
      });
      req.on("socket", (socket) => {
        if (!socket.connecting)
          connected = true; // a kept-alive socket is already open
        else socket.once("connect", () => (connected = true));
      });
      req.on("error", fail);
      if (signal) {
        const onAbort = () =>
          req.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        signal.addEventListener("abort", onAbort, { once: true });
        req.on("close", () => signal.removeEventListener("abort", onAbort));
      }
      req.end(body);
    });
  } as Fetch;
}
