// Passes one request on to the target and the response back (relay.ts): redirects are relayed as responses and
// never followed, the target is asked for an unencoded body so that it can be read as sent, and a target that
// does not respond (or switches protocols) becomes a Twilio-shaped 502. The steps are separate functions: the
// request's headers (outgoingHeaders), opening it (openUpstream), its body (sendBody), what ends it before a
// response (watchUpstream), a failure (upstreamFailure), and the one settlement of the exchange (settleOnce).
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Duplex, Readable } from "node:stream";
import { sendJson, twilioError } from "../mock/errors.js";
import { withoutHopByHop } from "./hop-by-hop.js";
import { relay, type Settle, type Settled, SWITCHED_PROTOCOLS, unrelayable } from "./relay.js";

export interface ForwardLimits {
  /** The most of a response's body kept for the checks; the rest still reaches the client. */
  maxResponseBytes: number;
  /** Time for the whole exchange with the target, connection to last byte. */
  timeoutMs: number;
}

export interface Forwarded extends Settled {
  /** The headers as they went to the target: what a record of the exchange shows. */
  sentHeaders: string[];
  waitMs: number;
  receiveMs: number;
}

export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Alternating names and values, as they arrived. */
  rawHeaders: string[];
  /** The body read so far; `rest` streams whatever was not read (a body larger than the proxy reads). */
  body: Buffer;
  rest?: Readable;
}

export interface Forwarder {
  forward(outgoing: OutgoingRequest, res: ServerResponse): Promise<Forwarded>;
  close(): void;
}

interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** The client's headers less the hop-by-hop ones, with the target's Host, no encoding, and the body's framing. */
function outgoingHeaders(outgoing: OutgoingRequest): string[] {
  const headers = withoutHopByHop(outgoing.rawHeaders, ["host", "content-length", "accept-encoding"]);
  headers.push("Host", outgoing.url.host, "Accept-Encoding", "identity");
  if (!outgoing.rest) headers.push("Content-Length", String(outgoing.body.length));
  else headers.push("Transfer-Encoding", "chunked");
  return headers;
}

/** The request to the target; `onResponse` receives the target's response once its head has arrived. */
function openUpstream(
  outgoing: OutgoingRequest,
  headers: string[],
  agents: Agents,
  onResponse: (targetResponse: IncomingMessage) => void,
): ClientRequest {
  const https = outgoing.url.protocol === "https:";
  const options = { method: outgoing.method, headers, agent: https ? agents.https : agents.http };
  return (https ? httpsRequest : httpRequest)(outgoing.url, options, onResponse);
}

/** The body read so far, then (for a body larger than the proxy reads) the rest as it streams in. */
function sendBody(upstream: ClientRequest, outgoing: OutgoingRequest): void {
  if (outgoing.rest) {
    upstream.write(outgoing.body);
    outgoing.rest.pipe(upstream);
    outgoing.rest.resume();
  } else {
    upstream.end(outgoing.body);
  }
}

/** A failed exchange with the target: a 502 if the client has had nothing yet, else a connection cut short. */
function upstreamFailure(error: NodeJS.ErrnoException, res: ServerResponse): Settled {
  const reason = error.code ?? error.message;
  if (!res.headersSent) {
    const message = `calls-contract proxy: the target did not respond (${reason})`;
    sendJson(res, 502, twilioError(502, 20500, message));
    return { noResponse: reason };
  }
  res.destroy();
  return { unread: `the response was cut off (${reason})` };
}

/**
 * Settles the exchange when it ends before a response reaches relay(): a failure, a 101 with Upgrade (node hands
 * the connection over on `upgrade`, which the proxy never asked for), the connection closing with nothing, or the
 * time limit, which settles by itself rather than wait for the request to report its end. Interim responses (100,
 * 103) node reads and skips; a target that sends only those meets the time limit. Returns the limit's timer.
 */
function watchUpstream(upstream: ClientRequest, res: ServerResponse, settle: Settle, timeoutMs: number) {
  const fail = (error: NodeJS.ErrnoException) => settle(upstreamFailure(error, res));
  let responded = false;
  upstream.once("response", () => {
    responded = true;
  });
  upstream.on("error", fail);
  upstream.on("upgrade", (_response: IncomingMessage, socket: Duplex) => {
    socket.destroy();
    settle(unrelayable(res, SWITCHED_PROTOCOLS));
  });
  upstream.on("close", () => {
    if (!responded) fail(new Error("the connection closed with no response"));
  });
  return setTimeout(() => {
    const error = Object.assign(new Error(`no response within ${timeoutMs} ms`), { code: "ETIMEDOUT" });
    upstream.destroy(error);
    // Once a response is under way, relay() settles as its body stops.
    if (!responded) fail(error);
  }, timeoutMs);
}

/** Whichever comes first (the response's end, a failure, the time limit) settles the exchange; the rest are ignored. */
function settleOnce(sentHeaders: string[], resolve: (forwarded: Forwarded) => void, onSettled: () => void): Settle {
  const started = performance.now();
  let settled = false;
  return (outcome, headersAt = performance.now()) => {
    if (settled) return;
    settled = true;
    onSettled();
    const times = { waitMs: headersAt - started, receiveMs: performance.now() - headersAt };
    resolve({ ...outcome, sentHeaders, ...times });
  };
}

export function createForwarder(limits: ForwardLimits): Forwarder {
  // Keep-alive to the target: a new connection per exchange would cost more than everything else the proxy does.
  const agents: Agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  function forward(outgoing: OutgoingRequest, res: ServerResponse): Promise<Forwarded> {
    const headers = outgoingHeaders(outgoing);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = settleOnce(headers, resolve, () => clearTimeout(timer));
      const upstream = openUpstream(outgoing, headers, agents, (targetResponse) =>
        relay(targetResponse, res, limits.maxResponseBytes, settle),
      );
      timer = watchUpstream(upstream, res, settle, limits.timeoutMs);
      // The client gave up: so does the exchange with the target.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      sendBody(upstream, outgoing);
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
