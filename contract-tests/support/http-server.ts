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

/** A request as an app reads Twilio's webhook: the parameters from a GET's query, else from the form body. */
export interface WebhookReceived {
  method: string;
  path: string;
  /** The full URL as requested, query included: what the signature covers. */
  url: string;
  params: Record<string, string>;
  /** The form body's fields (none for a GET): what the signature covers beside the URL. */
  form: Record<string, string>;
  signature: string;
}

export function asWebhook(baseUrl: string, recorded: RecordedRequest): WebhookReceived {
  const url = `${baseUrl}${recorded.url || "/"}`;
  const parsed = new URL(url);
  const form = Object.fromEntries(new URLSearchParams(recorded.body));
  return {
    method: recorded.method,
    path: parsed.pathname,
    url,
    params: recorded.method === "GET" ? Object.fromEntries(parsed.searchParams) : form,
    form,
    signature: String(recorded.headers["x-twilio-signature"] ?? ""),
  };
}

/** An app on loopback that hears each request as a webhook; closed when the test finishes. */
export async function startWebhookApp(
  handle: (received: WebhookReceived, response: ServerResponse) => void,
  onFinished: OnFinished = onTestFinished,
) {
  const server: TestServer = await startHttpServer(
    (recorded, response) => handle(asWebhook(server.baseUrl, recorded), response),
    onFinished,
  );
  return server;
}
