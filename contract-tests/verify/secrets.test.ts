// The library keeps the secrets rule too, not only the CLI: a server that echoes the auth token in its responses
// gets it back from runVerify and replayFailures masked, so a failures file written through the library holds none.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { leastMaxCases } from "../../src/verify/generate/run.js";
import { replayFailures, runVerify, writeFailuresFile } from "../../src/verify/index.js";
import { startHttpServer } from "../support/http-server.js";

const credentials = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "echoed-token-8f7e6d5c" };

/** A server that answers every request with a 500 whose message repeats the credentials it was sent. */
async function echoingServer() {
  const server = await startHttpServer((request, response) => {
    const basic = (request.headers.authorization ?? "").replace(/^Basic /, "");
    const sent = Buffer.from(basic, "base64").toString();
    response.writeHead(500, { "Content-Type": "application/json" });
    response.end(
      JSON.stringify({ code: 20500, message: `credentials ${sent}, token ${sent.split(":")[1]}`, status: 500 }),
    );
  });
  return server.baseUrl;
}

describe("verify as a library, against a server that echoes the token", { timeout: 60_000 }, () => {
  it("writes a failures file that holds no token", async () => {
    const baseUrl = await echoingServer();
    const result = await runVerify({ baseUrl, credentials, generate: { seed: 1, maxCases: leastMaxCases() } });
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures.some((f) => f.actual.includes("[redacted]"))).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), "verify-secrets-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, "failures.json");
    await writeFailuresFile(path, { baseUrl, failures: result.failures });
    expect(await readFile(path, "utf8")).not.toContain(credentials.authToken);
    expect(JSON.stringify(result)).not.toContain(credentials.authToken);
  });

  it("replays with the token masked in every outcome", async () => {
    const baseUrl = await echoingServer();
    const found = await runVerify({ baseUrl, credentials });
    const replayed = await replayFailures(found.failures.slice(0, 3), { baseUrl, credentials });
    expect(replayed.outcomes.length).toBeGreaterThan(0);
    expect(JSON.stringify(replayed)).not.toContain(credentials.authToken);
  });
});
