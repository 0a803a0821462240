// An app on loopback for the retired flows' tests (seed 003's 2008 call, seed 004's text): it responds to each path
// with the document a test gives it, and holds every request to the contract by the simulator's own check
// (contract-tests/simulator/app.ts: twilio-node's validateRequest and the spec's webhook), with the webhook the
// test names. Closed when the test finishes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import type { WebhookId } from "../../src/validation/index.js";
import { type AppRequest, contractProblems } from "../simulator/app.js";

/** A route's response: a document served as application/xml, or a body under a type of its own. */
export type FlowRoute = string | { type: string; body: string };

export async function startFlowApp(webhook: WebhookId, routes: Record<string, FlowRoute>) {
  const requests: AppRequest[] = [];
  const problems: string[] = [];
  let base = "";
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      const url = `${base}${req.url ?? "/"}`;
      const parsed = new URL(url);
      const body = Object.fromEntries(new URLSearchParams(text));
      const params = req.method === "GET" ? Object.fromEntries(parsed.searchParams) : body;
      const request = { method: req.method ?? "", path: parsed.pathname, url, params, webhook };
      requests.push(request);
      problems.push(...contractProblems(request, String(req.headers["x-twilio-signature"] ?? ""), body));
      const route = routes[parsed.pathname];
      const served = typeof route === "string" ? { type: "application/xml", body: route } : route;
      res.writeHead(route === undefined ? 404 : 200, { "Content-Type": served?.type ?? "application/xml" });
      res.end(served?.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: (path: string) => `${base}${path}`, requests, problems };
}
