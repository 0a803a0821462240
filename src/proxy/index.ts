// The recording proxy: an HTTP server on loopback that passes every request on to a target (Twilio with test
// credentials, a staging server, the mock) and every answer back unchanged, checks both against the spec, and
// records each exchange, redacted, to a HAR file as it finishes. With `enforce` a request that breaks the
// contract gets the mock's Twilio-shaped 400 and is never passed on. With `callbacks` it also receives Twilio's
// callbacks for an app (callbacks.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { harEntry, type SeenResponse } from "../har/entry.js";
import { SecretMemory, shownViolations } from "../har/redact.js";
import type { EntryNotes } from "../har/types.js";
import type { HarWriter } from "../har/writer.js";
import { httpBaseUrl } from "../loopback.js";
import { invalidRequest, sendJson, twilioError } from "../mock/errors.js";
import { KEEP_ALIVE_MS, serverTimeouts } from "../server-limits.js";
import type { RequestVerdict } from "../verify/checks.js";
import { callbackFindings, requestFindings } from "../verify/observe.js";
import { appQueryKey, type CallbackOptions, callbackRequest, isCallbackPath, signatureVerdict } from "./callbacks.js";
import { createForwarder, type Forwarded, type OutgoingRequest } from "./forward.js";
import { createRecorder, type Recorder } from "./record.js";

export interface ProxyLimits {
  /** The largest request body read and checked. Defaults to 1 MiB, as the mock. */
  maxBodyBytes: number;
  /** The most of an answer's body kept for the checks. Defaults to 10 MiB, as verify. */
  maxAnswerBytes: number;
  /** Time for the exchange with the target. Defaults to 30 s. */
  timeoutMs: number;
}

export const DEFAULT_PROXY_LIMITS: ProxyLimits = {
  maxBodyBytes: 1024 * 1024,
  maxAnswerBytes: 10 * 1024 * 1024,
  timeoutMs: 30_000,
};

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

interface ReadBody {
  body: Buffer;
  /** Set when the body is larger than the proxy reads: the rest is still unread in the request. */
  overflow: boolean;
}

function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        req.off("data", onData);
        req.pause();
        // Put back what did not fit, so that it is passed on first.
        req.unshift(chunk);
        resolve({ body: Buffer.concat(chunks), overflow: true });
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve({ body: Buffer.concat(chunks), overflow: false }));
    req.on("error", reject);
  });
}

/** The times of an exchange that never went anywhere (refused, or not yet sent). */
const unsent = (started: Date) => ({ started, waitMs: 0, receiveMs: 0 });

function targetUrl(target: URL, requestTarget: string): URL {
  const path = requestTarget.startsWith("/") ? requestTarget : `/${requestTarget}`;
  return new URL(`${target.origin}${target.pathname.replace(/\/+$/, "")}${path}`);
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const limits = { ...DEFAULT_PROXY_LIMITS, ...options.limits };
  const forwarder = createForwarder(limits);
  const memory = new SecretMemory(options.secrets ?? []);
  const recorder = createRecorder({ writer: options.writer, memory, log: options.log });
  const underWay = new Set<Promise<void>>();

  function refuse(res: ServerResponse, status: number, body: unknown): SeenResponse {
    const text = JSON.stringify(body);
    sendJson(res, status, body);
    const rawHeaders = ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(text))];
    return {
      status,
      statusText: status === 413 ? "Payload Too Large" : "Bad Request",
      rawHeaders,
      body: Buffer.from(text),
    };
  }

  /** A callback from Twilio: judged, then passed on to the app whatever it holds. */
  async function fromTwilio(
    req: IncomingMessage,
    res: ServerResponse,
    read: ReadBody,
    notes: EntryNotes,
    started: Date,
  ) {
    const callbacks = options.callbacks!;
    const method = req.method ?? "GET";
    const callback = callbackRequest(req.url ?? "/", req.headers.host, callbacks);
    // The record shows the URL Twilio used, which is what its signature covers.
    const seenRequest = { method, url: callback.signedUrl, rawHeaders: req.rawHeaders, body: read.body };
    let rawVerdict: RequestVerdict | undefined;
    if (callback.webhook) {
      notes.webhook = callback.webhook;
      if (!read.overflow) {
        const header = req.headers["x-twilio-signature"];
        const signature = Array.isArray(header) ? header[0] : header;
        const signed = { method, url: callback.signedUrl, body: read.body.toString("utf8") };
        notes.signature = signatureVerdict(callbacks.authToken, signature, signed);
      }
      rawVerdict = callbackFindings(harEntry(seenRequest, undefined, unsent(started), notes), callback.webhook);
    }
    const outgoing = { method, url: callback.destination, rawHeaders: req.rawHeaders, body: read.body };
    const forwarded = await forwarder.forward(read.overflow ? { ...outgoing, rest: req } : outgoing, res);
    const secretQueryParam = appQueryKey(callback.webhook, method);
    recordForwarded(seenRequest, forwarded, started, notes, rawVerdict, secretQueryParam);
  }

  /** A request for the target: judged, refused under --enforce when it breaks the contract, else passed on. */
  async function toTarget(req: IncomingMessage, res: ServerResponse, read: ReadBody, notes: EntryNotes, started: Date) {
    const method = req.method ?? "GET";
    const url = targetUrl(options.target, req.url ?? "/");
    const seenRequest = { method, url: url.href, rawHeaders: req.rawHeaders, body: read.body };
    const draft = harEntry(seenRequest, undefined, unsent(started), notes);
    const findings = requestFindings(draft);
    const rawVerdict = findings?.verdict;
    if (options.enforce && findings && (read.overflow || findings.verdict.violations.length > 0)) {
      // Refused here, so that a call that would fail costs nothing: the target never sees it.
      notes.blocked = true;
      const redacted = recorder.redactRequest(draft);
      const answer = read.overflow
        ? refuse(res, 413, twilioError(413, 20001, `The request body is larger than ${limits.maxBodyBytes} bytes`))
        : refuse(res, 400, invalidRequest(shownViolations(findings.verdict.violations, redacted)));
      // The rest of a body too large to read is not waited for: the connection closes once the answer is out.
      if (read.overflow) res.on("finish", () => req.destroy());
      recorder.record({ raw: harEntry(seenRequest, answer, unsent(started), notes), rawVerdict: findings.verdict });
      return;
    }
    const outgoing: OutgoingRequest = { method, url, rawHeaders: req.rawHeaders, body: read.body };
    const forwarded = await forwarder.forward(read.overflow ? { ...outgoing, rest: req } : outgoing, res);
    recordForwarded({ ...seenRequest, rawHeaders: forwarded.sentHeaders }, forwarded, started, notes, rawVerdict);
  }

  async function exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = new Date();
    const read = await readBody(req, limits.maxBodyBytes);
    const notes: EntryNotes = {};
    if (read.overflow) notes.requestUnread = `larger than the ${limits.maxBodyBytes} bytes the proxy reads`;
    const { pathname } = new URL(req.url ?? "/", "http://proxy.invalid");
    if (options.callbacks && isCallbackPath(pathname)) await fromTwilio(req, res, read, notes, started);
    else await toTarget(req, res, read, notes, started);
  }

  function recordForwarded(
    seenRequest: Parameters<typeof harEntry>[0],
    forwarded: Forwarded,
    started: Date,
    notes: EntryNotes,
    rawVerdict: RequestVerdict | undefined,
    secretQueryParam?: (name: string) => boolean,
  ): void {
    const all: EntryNotes = {
      ...notes,
      ...(forwarded.noAnswer === undefined ? {} : { noAnswer: forwarded.noAnswer }),
      ...(forwarded.unread === undefined ? {} : { unread: forwarded.unread }),
    };
    const times = { started, waitMs: forwarded.waitMs, receiveMs: forwarded.receiveMs };
    const raw = harEntry(seenRequest, forwarded.response, times, all);
    recorder.record({ raw, ...(rawVerdict ? { rawVerdict } : {}), ...(secretQueryParam ? { secretQueryParam } : {}) });
  }

  const server = createServer(serverTimeouts(), (req, res) => {
    const running = exchange(req, res).catch((error: Error) => {
      options.log(`✗ the proxy failed on an exchange: ${error.message}`);
      if (!res.headersSent) sendJson(res, 502, twilioError(502, 20500, "calls-contract proxy failed on this request"));
      else res.destroy();
    });
    underWay.add(running);
    void running.finally(() => underWay.delete(running));
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: httpBaseUrl(options.host, port),
    recorder,
    scrub: (text) => memory.scrub(text),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([Promise.allSettled([...underWay]), grace]);
      server.closeAllConnections();
      await closed;
      forwarder.close();
      await options.writer.close();
    },
  };
}
