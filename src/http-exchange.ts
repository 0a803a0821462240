// One HTTP exchange with a server this process does not trust: it asks for an unencoded response, follows no
// redirect (a rule that depends on where a request goes must see every hop), reads at most a set number of bytes,
// and gives up after a set time. verify and the mock's callbacks use it; the client's transport reads the same way.
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from "node:http";

export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
  readonly code = "RESPONSE_TOO_LARGE";
  /** The response's status and headers, which did arrive. */
  status = 0;
  headers: IncomingHttpHeaders = {};
  constructor(readonly limit: number) {
    super(`the response is larger than ${limit} bytes`);
  }
}

/** Reads a response body up to `limit` bytes; past that it stops reading, closes the response and rejects. */
export function readBounded(response: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        response.destroy(new ResponseTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    response.on("error", reject);
    response.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

export interface ExchangeRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** How long the TCP connection may take; by default only timeoutMs bounds it. */
  connectTimeoutMs?: number;
  /** Once connected, how long the server may stay silent (before the response and between its packets). */
  readTimeoutMs?: number;
  /** How much of the response's body to read; 0 reads none of it. */
  maxResponseBytes: number;
}

/** Where an exchange failed: before its connection was made, or after. */
export type ExchangePhase = "connect" | "read";

const timedOut = (message: string, phase: ExchangePhase) =>
  Object.assign(new Error(message), { code: "ETIMEDOUT", phase });

/** Bounds the connection and, once connected, each silence of the server; every error says its phase. */
function watchPhases(req: ClientRequest, request: ExchangeRequest): void {
  let phase: ExchangePhase = "connect";
  req.on("socket", (socket) => {
    const silent = () => req.destroy(timedOut(`no response within ${request.readTimeoutMs} ms of silence`, "read"));
    const connected = () => {
      phase = "read";
      clearTimeout(connectTimer);
      if (request.readTimeoutMs === undefined) return;
      socket.setTimeout(request.readTimeoutMs);
      socket.on("timeout", silent);
    };
    const connectTimer =
      request.connectTimeoutMs === undefined
        ? undefined
        : setTimeout(
            () => req.destroy(timedOut(`no connection within ${request.connectTimeoutMs} ms`, "connect")),
            request.connectTimeoutMs,
          );
    if (socket.connecting) socket.once("connect", connected);
    else connected();
    req.on("close", () => {
      clearTimeout(connectTimer);
      socket.off("connect", connected);
      // A kept-alive socket goes back to the pool without this request's limit.
      socket.off("timeout", silent);
      if (request.readTimeoutMs !== undefined) socket.setTimeout(0);
    });
  });
  req.on("error", (error) => {
    if ((error as { phase?: ExchangePhase }).phase === undefined) Object.assign(error, { phase });
  });
}

export interface ExchangeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request and reads its response within the limits; a redirect is a response like any other. */
export function exchange(url: URL, request: ExchangeRequest): Promise<ExchangeResponse> {
  const module =
    url.protocol === "https:" ? process.getBuiltinModule("node:https") : process.getBuiltinModule("node:http");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  }
  const headers: Record<string, string> = { "Accept-Encoding": "identity", ...request.headers };
  if (request.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(request.body));
  return new Promise((resolve, reject) => {
    const req = module.request(url, { method: request.method, headers }, (response) => {
      if (request.maxResponseBytes === 0) {
        // Only the status is wanted: do not read a byte of the body.
        response.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.alloc(0) });
        return;
      }
      readBounded(response, request.maxResponseBytes).then(
        (body) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        (error: Error) => {
          if (error instanceof ResponseTooLargeError)
            Object.assign(error, { status: response.statusCode ?? 0, headers: response.headers });
          reject(error);
        },
      );
    });
    // One deadline for the whole exchange, connection and response included.
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no response within ${request.timeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, request.timeoutMs);
    req.on("close", () => clearTimeout(timer));
    if (request.connectTimeoutMs !== undefined || request.readTimeoutMs !== undefined) watchPhases(req, request);
    req.on("error", reject);
    req.end(request.body);
  });
}
