// Relays the target's response to the client unchanged while keeping a bounded copy of it for the checks: the body
// streams through (a 1 GiB response costs the proxy no more memory than a small one), and an encoded body is
// relayed as sent but not kept, since the proxy does not inflate bodies. The status line and headers go out in
// relayHead, the one place that writes what the target sent back to the client; a head HTTP cannot carry on (a
// status below 100, a control character in the reason phrase, a 101) gets the proxy's 502 instead (unrelayable).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SeenResponse } from "../har/entry.js";
import { sendJson, twilioError } from "../mock/errors.js";
import { withoutHopByHop } from "./hop-by-hop.js";

/** How the exchange with the target ended. */
export interface Settled {
  response?: SeenResponse;
  /** Why the response's body was not kept (too large, compressed, cut off). */
  unread?: string;
  /** Why there was no response at all. */
  noResponse?: string;
}

/** Ends the exchange once; `headersAt` is when the response's head arrived (now, when none did). */
export type Settle = (settled: Settled, headersAt?: number) => void;

/** What a 101 Switching Protocols is refused with: the proxy strips Upgrade, so the target was never asked for one. */
export const SWITCHED_PROTOCOLS = "status 101 switches protocols, which the proxy never asks for";

/**
 * The proxy's own 502 for a response from the target that cannot be passed on, and the exchange as the record
 * keeps it: no response, and why.
 */
export function unrelayable(res: ServerResponse, reason: string): Settled {
  // A writeHead that refused the target's reason phrase has kept it: the 502 must not carry it.
  res.statusMessage = "";
  const message = `calls-contract proxy: the target's response cannot be relayed (${reason})`;
  sendJson(res, 502, twilioError(502, 20500, message));
  return { noResponse: `its response cannot be relayed: ${reason}` };
}

/**
 * Writes the target's status line and headers to the client, less the hop-by-hop headers; or says why it cannot
 * (node refuses a status outside 100-999 and a reason phrase or header holding a control character).
 */
function relayHead(
  targetResponse: IncomingMessage,
  res: ServerResponse,
): { status: number; statusText: string } | { refused: string } {
  const status = targetResponse.statusCode ?? 502;
  const statusText = targetResponse.statusMessage ?? "";
  if (status === 101) return { refused: SWITCHED_PROTOCOLS };
  try {
    res.writeHead(status, statusText, withoutHopByHop(targetResponse.rawHeaders));
  } catch (error) {
    return { refused: (error as Error).message };
  }
  return { status, statusText };
}

interface BodyCopy {
  /** The body kept, or nothing with the reason it was not. */
  taken(): { body: Buffer; unread?: string };
  /** The body stopped before its end: what was kept is not the whole of it. */
  cutOff(): void;
}

/** Keeps the body as it streams by, up to `limit` bytes; past that, or when encoded, only why it was not kept. */
function copyBody(targetResponse: IncomingMessage, limit: number): BodyCopy {
  const encoding = String(targetResponse.headers["content-encoding"] ?? "identity").toLowerCase();
  let unread = encoding === "identity" ? undefined : `sent ${encoding}-encoded; the proxy does not inflate responses`;
  const chunks: Buffer[] = [];
  let size = 0;
  targetResponse.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (unread !== undefined) return;
    if (size > limit) {
      unread = `larger than the ${limit} bytes the proxy keeps`;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  return {
    taken: () => (unread === undefined ? { body: Buffer.concat(chunks) } : { body: Buffer.alloc(0), unread }),
    cutOff() {
      unread ??= "the response was cut off";
    },
  };
}

export function relay(
  targetResponse: IncomingMessage,
  res: ServerResponse,
  maxResponseBytes: number,
  settle: Settle,
): void {
  const headersAt = performance.now();
  const head = relayHead(targetResponse, res);
  if ("refused" in head) {
    // Its body is not wanted, and its connection is not fit to reuse.
    targetResponse.destroy();
    settle(unrelayable(res, head.refused), headersAt);
    return;
  }
  const { status, statusText } = head;
  const copy = copyBody(targetResponse, maxResponseBytes);
  targetResponse.pipe(res);
  const done = () => {
    const { body, unread } = copy.taken();
    const response: SeenResponse = { status, statusText, rawHeaders: targetResponse.rawHeaders, body };
    settle({ response, ...(unread === undefined ? {} : { unread }) }, headersAt);
  };
  targetResponse.on("end", done);
  targetResponse.on("aborted", () => {
    copy.cutOff();
    done();
  });
  targetResponse.on("error", () => {
    copy.cutOff();
    res.destroy();
    done();
  });
}
