// A real HTTP server on loopback that records what the client sent and responds with a scripted reply.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished, type TestContext } from "vitest";

/**
 * Where a helper registers its clean-up. The global hook serves a test that runs alone; a concurrent test must pass
 * its own context's hook, or the clean-up runs when whichever test happens to finish first does.
 */
export type OnFinished = TestContext["onTestFinished"];

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Reply = (request: RecordedRequest, response: ServerResponse) => void;

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** Responds with a status and no body. */
export function empty(response: ServerResponse, status: number): void {
  response.writeHead(status);
  response.end();
}

export type TestServer = Awaited<ReturnType<typeof startHttpServer>>;

/** A server for the running test alone: closed when the test finishes, whether it passed or not. */
export async function startHttpServer(reply: Reply, onFinished: OnFinished = onTestFinished) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      reply(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onFinished(close);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close,
  };
}

/** The base URL of a loopback port that nothing listens on (a server that was there a moment ago). */
export async function closedServerUrl(): Promise<string> {
  const server = await startHttpServer(() => undefined);
  await server.close();
  return server.baseUrl;
}
