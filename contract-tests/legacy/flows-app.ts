// An app on loopback for the retired flows' tests (seed 003's 2008 call, seed 004's text): it responds to each path
// with the document a test gives it, and holds every request to the contract by the simulator's own check
// (contract-tests/simulator/app.ts: twilio-node's validateRequest and the spec's webhook), with the webhook the
// test names. Closed when the test finishes.
import type { WebhookId } from "../../src/validation/index.js";
import { type AppRequest, contractProblems } from "../simulator/app.js";
import { startWebhookApp } from "../support/http-server.js";

/** A route's response: a document served as application/xml, or a body under a type of its own. */
export type FlowRoute = string | { type: string; body: string };

export async function startFlowApp(webhook: WebhookId, routes: Record<string, FlowRoute>) {
  const requests: AppRequest[] = [];
  const problems: string[] = [];
  const server = await startWebhookApp((received, res) => {
    const { method, path, url, params } = received;
    const request = { method, path, url, params, webhook };
    requests.push(request);
    problems.push(...contractProblems(request, received.signature, received.form));
    const route = routes[path];
    const served = typeof route === "string" ? { type: "application/xml", body: route } : route;
    res.writeHead(route === undefined ? 404 : 200, { "Content-Type": served?.type ?? "application/xml" });
    res.end(served?.body ?? "");
  });
  return { url: (path: string) => `${server.baseUrl}${path}`, requests, problems };
}
