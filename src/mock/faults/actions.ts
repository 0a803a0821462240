// What a request fault does to the exchange, as Twilio's own failures look on the wire: a Twilio error in place of
// the mock's response (429 with code 20429 and Retry-After, 500 with 20500, 503 with 20503), a connection reset
// before or after the mock handled the request, or the mock's response spoiled on the way out (no body, a body cut
// short, a body that is not JSON, headers that arrive slowly, a body dribbled in chunks). Sources in docs/faults.md.
import { type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { twilioError } from "../errors.js";
import { jsonResponse, type MockResponse } from "../responder.js";
import { FAULT_KINDS, type FaultView } from "./kinds.js";

/**
 * Waits `ms`, or less when the exchange ends first (its connection closed, or the server closing): true when the
 * whole wait passed. A fault's wait never outlives its exchange, so a stopped mock holds no timer.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Whether the mock handles the request before the fault acts (a create then stores its call). */
export function handledFirst(fault: FaultView): boolean {
  return FAULT_KINDS[fault.kind].role === "after" || (fault.kind === "server-error" && fault.afterStore === true);
}

const retryAfter = (seconds: number | undefined): Record<string, string> =>
  seconds === undefined ? {} : { "Retry-After": String(seconds) };

/** The Twilio error a fault responds with, or undefined for a fault that sends no status at all. */
export function faultError(fault: FaultView): MockResponse | undefined {
  switch (fault.kind) {
    case "rate-limit":
      return jsonResponse(429, twilioError(429, 20429, "Too Many Requests"), retryAfter(fault.retryAfterSeconds));
    case "server-error":
      return jsonResponse(500, twilioError(500, 20500, "Internal Server Error"));
    case "service-unavailable":
      return jsonResponse(503, twilioError(503, 20503, "Service unavailable"), retryAfter(fault.retryAfterSeconds));
    default:
      return undefined;
  }
}

/** Drops the connection with a TCP reset, as a peer that crashed or a load balancer that gave up does. */
function reset(res: ServerResponse): void {
  const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else socket?.destroy();
}

/**
 * The response a body fault spoils: the mock's own, or for one without a body (a delete's 204) a 200 with `{}` in
 * its place, since a 204 has no body to spoil (docs/faults.md).
 */
function withBody(response: MockResponse): MockResponse {
  if (response.status !== 204 && response.status !== 304 && response.body !== "") return response;
  return { status: 200, headers: { ...response.headers, "content-type": "application/json" }, body: "{}" };
}

/** The head of a response as bytes on the wire, each header a line of its own; the connection closes after it. */
function headLines(response: MockResponse, body: Buffer): string[] {
  const headers = { ...response.headers, "content-length": String(body.length), connection: "close" };
  return [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}\r\n`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`),
    "\r\n",
  ];
}

/** Writes the head a line at a time, spread over `ms`, then the body, on the raw socket; then closes it. */
async function slowHeaders(res: ServerResponse, response: MockResponse, ms: number, signal: AbortSignal) {
  const socket = res.socket;
  if (!socket) return;
  const body = Buffer.from(response.body);
  const lines = headLines(response, body);
  for (const line of lines) {
    if (!(await pause(ms / lines.length, signal)) || socket.destroyed) return;
    socket.write(line);
  }
  socket.end(body);
}

async function dribble(
  res: ServerResponse,
  response: MockResponse,
  { chunkBytes, intervalMs }: { chunkBytes: number; intervalMs: number },
  signal: AbortSignal,
) {
  const body = Buffer.from(response.body);
  res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
  for (let at = 0; at < body.length; at += chunkBytes) {
    if ((at > 0 && !(await pause(intervalMs, signal))) || res.destroyed) return;
    res.write(body.subarray(at, at + chunkBytes));
  }
  res.end();
}

/** Writes a body that declares its whole length, sends the first half, and closes the connection. */
function truncate(res: ServerResponse, response: MockResponse): void {
  const body = Buffer.from(response.body);
  res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
  res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => res.socket?.destroy());
}

function writeWhole(res: ServerResponse, status: number, headers: Record<string, string> | undefined, body: string) {
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * Acts out a request fault. `response` is the mock's own (for a fault that acts after the mock handled the request),
 * or the fault's Twilio error (for one that responds in its place), or undefined (a reset before any response).
 * `signal` ends a slow head or a dribbled body early: the exchange is over.
 */
export async function actOut(
  res: ServerResponse,
  fault: FaultView,
  mine: MockResponse | undefined,
  signal: AbortSignal,
) {
  if (!mine || fault.kind === "reset-before-response" || fault.kind === "reset-after-store") return reset(res);
  const response = withBody(mine);
  switch (fault.kind) {
    case "empty-body":
      return writeWhole(res, response.status, response.headers, "");
    case "malformed-json":
      // The mock's own JSON with its closing brace turned into a trailing comma: it starts as JSON and cannot parse.
      return writeWhole(res, response.status, response.headers, `${response.body.slice(0, -1)},}`);
    case "truncated-body":
      return truncate(res, response);
    case "slow-headers":
      return slowHeaders(res, response, fault.ms ?? 0, signal);
    case "dribbled-body":
      return dribble(res, response, { chunkBytes: fault.chunkBytes ?? 16, intervalMs: fault.intervalMs ?? 10 }, signal);
    default:
      // A Twilio error in place of the response is written whole.
      return writeWhole(res, mine.status, mine.headers, mine.body);
  }
}
