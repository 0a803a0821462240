// Shared tools of the hostile-input suites: raw sockets for requests fetch refuses to send, hostile loopback servers
// that stream, stall or bomb, the CLI run under a deadline with its peak memory sampled, and /proc readings.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { onTestFinished } from "vitest";
import { validateTwilioError } from "../../src/index.js";
import { alive, descendants, finished, startCli } from "../support/cli.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import type { OnFinished } from "../support/http-server.js";

export type { OnFinished };

export const KiB = 1024;
export const MiB = 1024 * KiB;

export const CREATE_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
export const VALID_CREATE = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

// ---- /proc readings -------------------------------------------------------------------------------------------

/** Resident memory of a process in kB, or 0 when it is gone. */
export function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Samples a process's RSS every 25 ms until stopped; `peak()` is the highest reading in kB. */
export function sampleRss(pid: number, onFinished: OnFinished = onTestFinished) {
  let peak = rssKb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKb(pid));
  }, 25);
  onFinished(() => clearInterval(timer));
  return {
    peak: () => Math.max(peak, rssKb(pid)),
    stop: () => clearInterval(timer),
  };
}

// ---- requests to the mock -------------------------------------------------------------------------------------

/**
 * The bound of a hang check (not a benchmark): the cases it guards took 40 s or never ended before they were fixed,
 * and take well under a second now, but a shared 2-core CI runner can slow a 10 MB round trip to a few seconds.
 */
export const HANG_MS = 10_000;

export interface TimedResponse {
  status: number;
  text: string;
  ms: number;
}

export async function postForm(baseUrl: string, body: string, path = CREATE_PATH): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
    body,
    signal: AbortSignal.timeout(2 * HANG_MS),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** The status of a valid createCall: 201 from a mock that still serves. */
export async function validCreateStatus(baseUrl: string): Promise<number> {
  return (await postForm(baseUrl, VALID_CREATE)).status;
}

/** What is wrong with a body as a Twilio error: [] for a JSON body of the TwilioError shape. */
export function twilioErrorProblems(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`not JSON: ${JSON.stringify(text.slice(0, 200))}`];
  }
  return validateTwilioError(body).violations.map((v) => v.message);
}

/** The violations a Twilio error body lists in details.violations (the mock's 400s), [] when there are none. */
export function listedViolations(text: string): Array<{ field?: unknown; rule?: unknown }> {
  const body: unknown = JSON.parse(text);
  if (typeof body !== "object" || body === null) return [];
  const details = (body as { details?: unknown }).details;
  if (typeof details !== "object" || details === null) return [];
  const violations = (details as { violations?: unknown }).violations;
  return Array.isArray(violations) ? (violations as Array<{ field?: unknown; rule?: unknown }>) : [];
}

// ---- raw sockets ----------------------------------------------------------------------------------------------

export interface RawResponse {
  /** The status of the response; undefined when the connection closed (or the wait ended) without one. */
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection. */
  closed: boolean;
  /** Milliseconds from connecting to the response or the close. */
  ms: number;
}

/** Parses one HTTP/1.1 response from the bytes so far; undefined until it is complete. */
function parseResponse(bytes: Buffer, ended: boolean): Omit<RawResponse, "closed" | "ms"> | undefined {
  const headEnd = bytes.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, headEnd).toString("latin1").split("\r\n");
  const code = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const status = code === undefined ? undefined : Number(code);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(headEnd + 4);
  const length = headers["content-length"];
  if (length !== undefined) {
    if (rest.length < Number(length)) return undefined;
    return { status, headers, body: rest.subarray(0, Number(length)).toString("utf8") };
  }
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf("\r\n", at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(parts).toString("utf8") };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  // No length: the body runs to the close (or there is none, as in Node's own error responses).
  return ended || headers.connection === "close" ? { status, headers, body: rest.toString("utf8") } : undefined;
}

/** A raw connection: write what fetch would refuse to send, and read the response as it comes. */
export function rawConnection(baseUrl: string, onFinished: OnFinished = onTestFinished) {
  const { hostname, port } = new URL(baseUrl);
  const socket: Socket = connect(Number(port), hostname);
  // Writes after the server responded and hung up fail with EPIPE or ECONNRESET; that is the server's right.
  socket.on("error", () => undefined);
  onFinished(() => {
    socket.destroy();
  });
  const started = performance.now();
  let received = Buffer.alloc(0);
  let closed = false;
  let settle: (response: RawResponse) => void = () => undefined;
  const responded = new Promise<RawResponse>((resolve) => {
    settle = resolve;
  });
  const finish = (ended: boolean) => {
    const parsed = parseResponse(received, ended);
    if (parsed) settle({ ...parsed, closed, ms: performance.now() - started });
    else if (ended) settle({ status: undefined, headers: {}, body: "", closed, ms: performance.now() - started });
  };
  socket.on("data", (chunk: Buffer) => {
    if (received.length < 4 * MiB) received = Buffer.concat([received, chunk]);
    finish(false);
  });
  let onClose: (ms: number) => void = () => undefined;
  const closedAt = new Promise<number>((resolve) => {
    onClose = resolve;
  });
  socket.on("close", () => {
    closed = true;
    onClose(performance.now() - started);
    finish(true);
  });
  return {
    socket,
    /** Settles with the first response, or when the server closes the connection without one. */
    responded,
    /** The response, or what there was after `ms` (status undefined, closed false: the server is still silent). */
    within(ms: number): Promise<RawResponse> {
      const timer = new Promise<RawResponse>((resolve) =>
        setTimeout(() => resolve({ status: undefined, headers: {}, body: "", closed, ms }), ms).unref(),
      );
      return Promise.race([responded, timer]);
    },
    isClosed: () => closed,
    /** Whether the server closed the connection within `ms` of the connection being made. */
    closedWithin(ms: number): Promise<boolean> {
      const timer = new Promise<false>((resolve) =>
        setTimeout(() => resolve(false), Math.max(0, ms - (performance.now() - started))).unref(),
      );
      return Promise.race([closedAt.then(() => true as const), timer]);
    },
  };
}

/** Sends bytes as they are on a fresh connection and waits up to `ms` for the response. */
export async function rawRequest(baseUrl: string, text: string | Buffer, ms = 3000): Promise<RawResponse> {
  const connection = rawConnection(baseUrl);
  connection.socket.write(text);
  return connection.within(ms);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- hostile servers ------------------------------------------------------------------------------------------

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
}

/**
 * A loopback server for the running test alone, closed when it finishes. Unlike support/http-server.ts it hands
 * over the request at once (the body drained, not buffered), so that a reply can stream or never come.
 */
export async function startHostileServer(
  reply: (req: IncomingMessage, res: ServerResponse) => void,
  onFinished: OnFinished = onTestFinished,
) {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  onFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, port, seen };
}

const ZEROS = Buffer.alloc(64 * KiB, 0x20);

/** Writes a chunk and, when the reader is behind, waits for it to catch up (or to go away). */
async function writeOrWait(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/** Writes `total` bytes of spaces, as fast as the reader takes them, until done or the reader goes away. */
export async function streamBytes(res: ServerResponse, total: number): Promise<number> {
  let written = 0;
  while (written < total && !res.destroyed) {
    const chunk = total - written < ZEROS.length ? ZEROS.subarray(0, total - written) : ZEROS;
    written += chunk.length;
    await writeOrWait(res, chunk);
  }
  if (!res.destroyed) res.end();
  return written;
}

let bombMember: Buffer | undefined;
/** One gzip member of 64 MiB of zeros (about 64 KB); members in a row inflate one after the other. */
export function gzipMember(): Buffer {
  bombMember ??= gzipSync(Buffer.alloc(64 * MiB));
  return bombMember;
}

/** A gzip response that inflates to 2 GiB: the same 64 MiB member 32 times, about 2 MB on the wire. */
export async function sendGzipBomb(res: ServerResponse, status = 200): Promise<void> {
  const member = gzipMember();
  res.writeHead(status, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
  for (let i = 0; i < 32 && !res.destroyed; i++) await writeOrWait(res, member);
  if (!res.destroyed) res.end();
}

// ---- the CLI under a deadline ---------------------------------------------------------------------------------

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Whether the deadline passed and the process was killed. */
  killed: boolean;
  /** The highest RSS of the process seen while it ran, in kB. */
  peakRssKb: number;
}

/** Runs the CLI, kills it (and anything it started) if it outlives the deadline, and samples its memory. */
export async function runCliWithin(
  args: string[],
  env: Record<string, string>,
  deadlineMs: number,
  onFinished: OnFinished = onTestFinished,
): Promise<CliRun> {
  const started = performance.now();
  const child = startCli(args, env);
  const pid = child.pid!;
  const memory = sampleRss(pid, onFinished);
  let killed = false;
  const killAll = () => {
    for (const p of [...descendants(pid), pid].filter(alive)) process.kill(p, "SIGKILL");
  };
  onFinished(killAll);
  const timer = setTimeout(() => {
    killed = true;
    killAll();
  }, deadlineMs);
  const code = await finished(child);
  clearTimeout(timer);
  memory.stop();
  return { code, ...child.output(), ms: performance.now() - started, killed, peakRssKb: memory.peak() };
}

/** Waits for the socket to take more, for at most `ms`, without leaving a listener behind. */
function drained(socket: Socket, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once("drain", done);
    socket.once("close", done);
  });
}

/**
 * Keeps writing `chunk` on a raw connection until the server responds or closes, or the bounds run out; with
 * `pauseMs` it trickles, one chunk per pause. Resolves with the bytes written.
 */
export async function pump(
  connection: ReturnType<typeof rawConnection>,
  chunk: Buffer,
  bounds: { bytes: number; ms: number; pauseMs?: number },
): Promise<number> {
  let stop = false;
  void connection.responded.then(() => {
    stop = true;
  });
  const until = performance.now() + bounds.ms;
  let sent = 0;
  while (!stop && !connection.isClosed() && sent < bounds.bytes && performance.now() < until) {
    sent += chunk.length;
    const flushed = connection.socket.write(chunk);
    if (bounds.pauseMs !== undefined) await sleep(bounds.pauseMs);
    else if (!flushed) await drained(connection.socket, 100);
  }
  return sent;
}

/** One chunk of a chunked body holding `data`. */
export const chunkOf = (data: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
