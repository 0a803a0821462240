// The round trip over node:http(s) with keep-alive agents (`transport: "node"`): no dependency, and the way to
// compare with the undici transport. A failure counts as not having reached the server only when no socket to it
// was ever connected.
import type http from "node:http";
import type https from "node:https";
import { readBounded } from "../http-exchange.js";
import {
  abortError,
  type Incoming,
  type RoundTrip,
  type RoundTripOptions,
  tagged,
  timeoutError,
} from "./round-trip.js";

export function nodeRoundTrip(options: RoundTripOptions): RoundTrip {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
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
    const module = process.getBuiltinModule("node:https");
    secure ??= { module, agent: new module.Agent(agentOptions) };
    return secure;
  };
  return ({ url, method, headers, body, signal, timeoutMs }) => {
    const client = clientFor(url.protocol);
    const { agent } = client;
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Incoming>((resolve, reject) => {
      let connected = false;
      const req = client.module.request(url, { method, headers, agent }, (res) => {
        readBounded(res, options.maxResponseBytes).then((payload) => {
          done();
          resolve({
            status: res.statusCode ?? 502,
            statusText: res.statusMessage ?? "",
            headers: res.headers,
            payload,
          });
        }, fail);
      });
      const onAbort = () => req.destroy(abortError(signal!));
      const timer =
        timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(timeoutError(timeoutMs)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      function fail(error: Error) {
        done();
        reject(tagged(error, connected));
      }
      req.on("socket", (socket) => {
        if (!socket.connecting)
          connected = true; // a kept-alive socket is already open
        else socket.once("connect", () => (connected = true));
      });
      req.on("error", fail);
      signal?.addEventListener("abort", onAbort, { once: true });
      req.end(body);
    });
  };
}
