// Reads a request's body up to the proxy's limit. What does not fit stays in the request, unread, so that it can
// still be passed on: the proxy checks a bounded part of a body but never cuts one short.
import type { IncomingMessage } from "node:http";

export interface ReadBody {
  body: Buffer;
  /** Set when the body is larger than the proxy reads: the rest is still unread in the request. */
  overflow: boolean;
}

export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
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
