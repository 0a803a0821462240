// Passes one request on and relays the answer unchanged while keeping a bounded copy of it for the checks: the
// body streams through (a 1 GiB answer costs the proxy no more memory than a small one), redirects are relayed as
// answers and never followed, and the target is asked for an unencoded body so that it can be read as sent.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import type { SeenResponse } from "../har/entry.js";
import { sendJson, twilioError } from "../mock/errors.js";

// Meaningful for one connection only (RFC 9110 7.6.1): never passed on in either direction.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

export interface ForwardLimits {
  /** The most of an answer's body kept for the checks; the rest still reaches the client. */
  maxAnswerBytes: number;
  /** Time for the whole exchange with the target, connection to last byte. */
  timeoutMs: number;
}

export interface Forwarded {
  /** The headers as they went to the target: what a record of the exchange shows. */
  sentHeaders: string[];
  response?: SeenResponse;
  /** Why the answer's body was not kept (too large, compressed, cut off). */
  unread?: string;
  /** Why there was no answer at all. */
  noAnswer?: string;
  waitMs: number;
  receiveMs: number;
}

type Settled = Omit<Forwarded, "sentHeaders" | "waitMs" | "receiveMs">;

export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Alternating names and values, as they arrived. */
  rawHeaders: string[];
  /** The body read so far; `rest` streams whatever was not read (a body larger than the proxy reads). */
  body: Buffer;
  rest?: Readable;
}

function withoutHopByHop(rawHeaders: string[], drop: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || drop.includes(name)) continue;
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return out;
}

export interface Forwarder {
  forward(outgoing: OutgoingRequest, res: ServerResponse): Promise<Forwarded>;
  close(): void;
}

export function createForwarder(limits: ForwardLimits): Forwarder {
  // Keep-alive to the target: a new connection per exchange would cost more than everything else the proxy does.
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  function forward(outgoing: OutgoingRequest, res: ServerResponse): Promise<Forwarded> {
    const { url } = outgoing;
    const https = url.protocol === "https:";
    const headers = withoutHopByHop(outgoing.rawHeaders, ["host", "content-length", "accept-encoding"]);
    headers.push("Host", url.host, "Accept-Encoding", "identity");
    if (!outgoing.rest) headers.push("Content-Length", String(outgoing.body.length));
    else headers.push("Transfer-Encoding", "chunked");
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (forwarded: Settled, headersAt = performance.now()) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const times = { waitMs: headersAt - started, receiveMs: performance.now() - headersAt };
        resolve({ ...forwarded, sentHeaders: headers, ...times });
      };
      const options = { method: outgoing.method, headers, agent: https ? agents.https : agents.http };
      const upstream = (https ? httpsRequest : httpRequest)(url, options, (answer: IncomingMessage) =>
        relay(answer, res, limits.maxAnswerBytes, settle),
      );
      const timer = setTimeout(() => {
        upstream.destroy(Object.assign(new Error(`no answer within ${limits.timeoutMs} ms`), { code: "ETIMEDOUT" }));
      }, limits.timeoutMs);
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        const reason = error.code ?? error.message;
        if (!res.headersSent) {
          const message = `calls-contract proxy: the target did not answer (${reason})`;
          sendJson(res, 502, twilioError(502, 20500, message));
          settle({ noAnswer: reason });
        } else {
          res.destroy();
          settle({ unread: `the answer was cut off (${reason})` });
        }
      });
      // The client gave up: so does the exchange with the target.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (outgoing.rest) {
        upstream.write(outgoing.body);
        outgoing.rest.pipe(upstream);
        outgoing.rest.resume();
      } else {
        upstream.end(outgoing.body);
      }
    });
  }

  return {
    forward,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function relay(
  answer: IncomingMessage,
  res: ServerResponse,
  maxAnswerBytes: number,
  settle: (forwarded: Settled, headersAt?: number) => void,
): void {
  const headersAt = performance.now();
  const status = answer.statusCode ?? 502;
  const statusText = answer.statusMessage ?? "";
  res.writeHead(status, statusText, withoutHopByHop(answer.rawHeaders));
  const encoding = String(answer.headers["content-encoding"] ?? "identity").toLowerCase();
  let unread = encoding === "identity" ? undefined : `sent ${encoding}-encoded; the proxy does not inflate answers`;
  const chunks: Buffer[] = [];
  let size = 0;
  answer.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (unread !== undefined) return;
    if (size > maxAnswerBytes) {
      unread = `larger than the ${maxAnswerBytes} bytes the proxy keeps`;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  answer.pipe(res);
  const done = () => {
    const body = unread === undefined ? Buffer.concat(chunks) : Buffer.alloc(0);
    const response: SeenResponse = { status, statusText, rawHeaders: answer.rawHeaders, body };
    settle({ response, ...(unread === undefined ? {} : { unread }) }, headersAt);
  };
  answer.on("end", done);
  answer.on("aborted", () => {
    unread ??= "the answer was cut off";
    done();
  });
  answer.on("error", () => {
    unread ??= "the answer was cut off";
    res.destroy();
    done();
  });
}
