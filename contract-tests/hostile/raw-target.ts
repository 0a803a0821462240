// A target for the proxy that responds with bytes as they are: what node's HTTP server would refuse to write (a
// status below 100, a reason phrase holding a control character, a 101 nobody asked for). Closed when the test ends.
import { type AddressInfo, createServer, type Socket } from "node:net";
import { onTestFinished } from "vitest";
import type { OnFinished } from "../support/http-server.js";

/** The request line of each request the target saw, in order. */
export interface RawTarget {
  baseUrl: string;
  requestLines: string[];
}

/**
 * Responds to each request with `respond(requestLine)`, written once the request has arrived (a body is read by its Content-Length;
 * the cases send no chunked ones).
 */
export async function startRawTarget(
  respond: (requestLine: string) => string,
  onFinished: OnFinished = onTestFinished,
): Promise<RawTarget> {
  const requestLines: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      for (;;) {
        const end = received.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = received.slice(0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (received.length < end + 4 + length) return;
        received = received.slice(end + 4 + length);
        const requestLine = head.slice(0, head.indexOf("\r\n"));
        requestLines.push(requestLine);
        socket.write(Buffer.from(respond(requestLine), "latin1"));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  onFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, requestLines };
}

/** A whole HTTP/1.1 response with a JSON body, from its status line on. */
export function rawResponse(statusLine: string, body = '{"ok":true}'): string {
  return `${statusLine}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
