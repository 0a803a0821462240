// The recording proxy: an HTTP server on loopback that passes every request on to a target (Twilio with test
// credentials, a staging server, the mock) and every response back unchanged, checks both against the spec, and
// records each exchange, redacted, to a HAR file as it finishes. With `enforce` a request that breaks the
// contract gets the mock's Twilio-shaped 400 and is never passed on. With `callbacks` it also receives Twilio's
// callbacks for an app. This module builds the proxy from its parts: the server (server.ts), one exchange
// (exchange.ts) down one of two routes (target-route.ts, callback-route.ts), forwarding (forward.ts, relay.ts)
// and the record (record.ts).
import { SecretMemory } from "../har/redact.js";
import type { HarWriter } from "../har/writer.js";
import { httpBaseUrl } from "../loopback.js";
import { createCallbackRoute } from "./callback-route.js";
import type { CallbackOptions } from "./callbacks.js";
import { createExchangeHandler } from "./exchange.js";
import { createForwarder } from "./forward.js";
import { DEFAULT_PROXY_LIMITS, type ProxyLimits } from "./limits.js";
import { createRecorder, type Recorder } from "./record.js";
import { listen } from "./server.js";
import { createTargetRoute } from "./target-route.js";

export type { CallbackOptions } from "./callbacks.js";
export { DEFAULT_PROXY_LIMITS, type ProxyLimits } from "./limits.js";

export interface ProxyOptions {
  /** Where requests go: a base URL, its path (if any) put before each request's path. */
  target: URL;
  /** A loopback address. */
  host: string;
  port: number;
  writer: HarWriter;
  /** Refuse a request that breaks the contract instead of passing it on. */
  enforce?: boolean;
  /** Receive Twilio's callbacks under /callbacks/ and pass them on to an app. */
  callbacks?: CallbackOptions;
  /** Secrets known from the start (the auth token of the environment), in every form. */
  secrets?: string[];
  /** Receives a line for each failed check (already redacted). */
  log: (line: string) => void;
  limits?: Partial<ProxyLimits>;
}

export interface RunningProxy {
  baseUrl: string;
  recorder: Recorder;
  /** Scrubs every secret the proxy has seen from a text. */
  scrub(text: string): string;
  /** Stops taking requests, lets those under way finish (up to 5 s), and closes the HAR file. */
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const limits = { ...DEFAULT_PROXY_LIMITS, ...options.limits };
  const forwarder = createForwarder(limits);
  const memory = new SecretMemory(options.secrets ?? []);
  const recorder = createRecorder({ writer: options.writer, memory, log: options.log });
  const tools = { forwarder, recorder };
  const target = createTargetRoute(tools, {
    target: options.target,
    enforce: options.enforce ?? false,
    maxBodyBytes: limits.maxBodyBytes,
  });
  const callbacks = options.callbacks && createCallbackRoute(tools, options.callbacks);
  const handle = createExchangeHandler(
    { target, ...(callbacks ? { callbacks } : {}) },
    limits.maxBodyBytes,
    options.log,
  );
  const server = await listen(handle, options.host, options.port);
  return {
    baseUrl: httpBaseUrl(options.host, server.port),
    recorder,
    scrub: (text) => memory.scrub(text),
    async close() {
      await server.close();
      forwarder.close();
      await options.writer.close();
    },
  };
}
