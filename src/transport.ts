// A fetch-compatible function over node:http(s) with keep-alive agents. Node's global fetch measured slower than
// the official SDK's transport here; this one is faster than both (see README, Performance) and adds no dependency.
// It also records whether a failed request may have reached the server, which decides if a create may be retried.
import http from "node:http";
import https from "node:https";

export type Fetch = (request: Request) => Promise<Response>;

/** Set on errors from this transport: false only when no connection to the server was ever made. */
export const MAY_HAVE_REACHED_SERVER = Symbol("mayHaveReachedServer");

export interface HttpTransportOptions {
  /** Concurrent sockets per host. Defaults to 64. */
  maxSockets?: number;
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export function createHttpTransport(options: HttpTransportOptions = {}): Fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  return async function transport(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) throw new TypeError(`unsupported protocol ${url.protocol}`);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    if (body) headers["content-length"] = String(body.length);
    const signal = request.signal;
    signal.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      let connected = false;
      const fail = (error: Error) => reject(Object.assign(error, { [MAY_HAVE_REACHED_SERVER]: connected }));
      const req = (url.protocol === "https:" ? https : http).request(url, { method: request.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.on("end", () => {
          const status = res.statusCode ?? 502;
          const empty = status === 204 || status === 304 || request.method === "HEAD";
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? "", headers: responseHeaders(res.headers) }));
        });
      });
      req.on("socket", (socket) => {
        if (!socket.connecting) connected = true; // a kept-alive socket is already open
        else socket.once("connect", () => (connected = true));
      });
      req.on("error", fail);
      const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      signal.addEventListener("abort", onAbort, { once: true });
      req.on("close", () => signal.removeEventListener("abort", onAbort));
      req.end(body);
    });
  };
}
