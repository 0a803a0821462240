// Relays the target's response to the client unchanged while keeping a bounded copy of it for the checks: the body
// streams through (a 1 GiB response costs the proxy no more memory than a small one), and an encoded body is
// relayed as sent but not kept, since the proxy does not inflate bodies. The status line and headers go out in
// relayHead, the one place that writes what the target sent back to the client.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SeenResponse } from "../har/entry.js";
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

/** Writes the target's status line and headers to the client, less the hop-by-hop headers. */
function relayHead(targetResponse: IncomingMessage, res: ServerResponse): { status: number; statusText: string } {
  const status = targetResponse.statusCode ?? 502;
  const statusText = targetResponse.statusMessage ?? "";
  res.writeHead(status, statusText, withoutHopByHop(targetResponse.rawHeaders));
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
  const { status, statusText } = relayHead(targetResponse, res);
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
