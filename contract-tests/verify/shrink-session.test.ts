// Shrinking sends within the run's limits: through the run's session, so that the stop after silent requests and
// the run's time limit bound it too. The server in front of the stateful mock passes the first requests on, then
// closes every connection without a response, as a server that fell over does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { NO_RESPONSE_STREAK, planRequests, runVerify } from "../../src/verify/index.js";
import { startHttpServer } from "../support/http-server.js";

const main = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "shrink-test-token-31" };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
});
afterAll(() => mock.stop());

/** A server that answers the first `answered` requests through the mock and then drops every connection. */
async function fallsOverAfter(answered: number) {
  let arrived = 0;
  const server = await startHttpServer(async (request, response) => {
    arrived += 1;
    if (arrived > answered) {
      response.socket?.destroy();
      return;
    }
    const upstream = await fetch(`${mock.baseUrl}${request.url}`, {
      method: request.method,
      headers: {
        authorization: request.headers.authorization ?? "",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: request.method === "GET" || request.method === "DELETE" ? undefined : request.body,
    });
    response.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") ?? "text/plain" });
    response.end(await upstream.text());
  });
  return { baseUrl: server.baseUrl, arrived: () => arrived };
}

describe("shrinking a generated failure", { timeout: 60_000 }, () => {
  it("sends nothing more once the run has stopped on a server that stopped responding", async () => {
    // Past the fixed corpus and the generated cases sent without credentials: the silent ones are shrinkable.
    const answered = planRequests("http://127.0.0.1").runnable.length + 15;
    const server = await fallsOverAfter(answered);
    const result = await runVerify({
      baseUrl: server.baseUrl,
      credentials: main,
      generate: { seed: 2, maxCases: 200 },
    });
    expect(result.failures.some((f) => /no response/.test(f.actual))).toBe(true);
    expect(result.skipped.some((s) => /stopped responding/.test(s.reason))).toBe(true);
    expect(server.arrived() - answered).toBe(NO_RESPONSE_STREAK);
  });
});
