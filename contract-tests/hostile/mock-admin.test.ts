// The stateful mock's admin API and inspector against a web page the developer happens to have open: a write from
// another origin or in a body type a page can send without asking (text/plain) is refused and changes nothing, so is
// what a page of another site fetches without an Origin, any request whose Host is not the mock's own address (DNS
// rebinding) is refused, and a body nested past any stack is a 400, not a 500. The mock's own inspector, a link
// followed to it, the admin client and curl are served as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { type RawResponse, rawRequest } from "./harness.js";

let mock: RunningMock;
let port: string;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  port = new URL(mock.baseUrl).port;
});
afterAll(() => mock?.stop());

interface AdminRequest {
  method?: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One admin request as bytes, so that Host and Origin are exactly what a hostile page's browser would send. */
function admin({ method = "GET", path, host = `127.0.0.1:${port}`, headers = {}, body }: AdminRequest) {
  const lines = [`${method} /__mock${path} HTTP/1.1`, `Host: ${host}`, "Connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return rawRequest(mock.baseUrl, `${lines.join("\r\n")}\r\n\r\n${body ?? ""}`, 5000);
}

const JSON_TYPE = { "Content-Type": "application/json" };
const advance = (ms: number, headers: Record<string, string> = JSON_TYPE) =>
  admin({ method: "POST", path: "/api/clock/advance", headers, body: JSON.stringify({ ms }) });
const clockNow = async () => (JSON.parse((await admin({ path: "/api/clock" })).body) as { nowMs: number }).nowMs;
const adminError = (response: RawResponse) => (JSON.parse(response.body) as { error?: unknown }).error;

describe("the admin API refuses writes a web page could make", () => {
  it("refuses a clock advance from a foreign Origin with 403, and takes one from its own origin", async () => {
    const before = await clockNow();
    const foreign = await advance(60_000, { ...JSON_TYPE, Origin: "http://attacker.example" });
    expect(foreign.status).toBe(403);
    expect(adminError(foreign)).toMatch(/origin/i);
    expect(await clockNow()).toBe(before);
    const own = await advance(1000, { ...JSON_TYPE, Origin: mock.baseUrl });
    expect(own.status).toBe(200);
    expect(await clockNow()).toBe(before + 1000);
  });

  it("refuses a reset from a foreign Origin with 403", async () => {
    const response = await admin({
      method: "POST",
      path: "/api/reset",
      headers: { ...JSON_TYPE, Origin: "null" },
      body: "{}",
    });
    expect(response.status).toBe(403);
  });

  it("refuses a write from a page on localhost at another port with 403", async () => {
    const before = await clockNow();
    const response = await advance(60_000, { ...JSON_TYPE, Origin: "http://localhost:3000" });
    expect(response.status).toBe(403);
    expect(await clockNow()).toBe(before);
  });

  it("refuses what a page fetches without an Origin, and serves a link followed to the inspector", async () => {
    const fetched = await admin({
      path: "/api/events",
      headers: { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors" },
    });
    expect(fetched.status).toBe(403);
    expect(adminError(fetched)).toMatch(/another origin/);
    const followed = await admin({
      path: "/",
      headers: { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate" },
    });
    expect(followed.status).toBe(200);
    expect(followed.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("refuses a JSON body sent as text/plain with 415, and takes the same body sent as application/json", async () => {
    const before = await clockNow();
    const plain = await advance(60_000, { "Content-Type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(adminError(plain)).toMatch(/application\/json/);
    expect(await clockNow()).toBe(before);
    // Without an Origin, as curl and the admin client send it.
    expect((await advance(500)).status).toBe(200);
    expect(await clockNow()).toBe(before + 500);
  });

  it("takes a write with no body and no Content-Type, as curl -X POST sends it", async () => {
    expect((await admin({ method: "POST", path: "/api/reset", body: "" })).status).toBe(204);
  });
});

describe("the admin API and the inspector respond only to their own Host", () => {
  it.each([
    ["the state", "/api/state"],
    ["the inspector page", "/"],
    ["the event stream", "/api/events"],
  ])("refuses %s to a Host that is not the mock's address with 403", async (_, path) => {
    const response = await admin({ path, host: `rebound.attacker.example:${port}` });
    expect(response.status).toBe(403);
    expect(adminError(response)).toMatch(/host/i);
  });

  it("refuses a Host naming another port, and serves 127.0.0.1 and localhost on its own", async () => {
    const other = String(Number(port) === 65_535 ? 1 : Number(port) + 1);
    expect((await admin({ path: "/api/state", host: `127.0.0.1:${other}` })).status).toBe(403);
    expect((await admin({ path: "/api/state", host: "127.0.0.1" })).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await admin({ path: "/api/state", host })).status, host).toBe(200);
  });
});

describe("the admin API against bodies nested past any stack", () => {
  // 200 KB: far under the 1 MiB body limit, and deeper than any stack renders.
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;

  it("responds 400 to a clock advance whose ms is nested 100,000 levels deep, and keeps serving", async () => {
    const response = await admin({
      method: "POST",
      path: "/api/clock/advance",
      headers: JSON_TYPE,
      body: `{"ms":${deep}}`,
    });
    expect(response.status).toBe(400);
    expect(adminError(response)).toMatch(/^ms must be/);
    expect((await advance(1)).status).toBe(200);
  });

  it("responds 400 to an outcome nested 100,000 levels deep", async () => {
    const path = "/api/accounts/AC0123456789abcdef0123456789abcdef/outcomes/%2B15005550006";
    const response = await admin({ method: "PUT", path, headers: JSON_TYPE, body: `{"outcome":${deep}}` });
    expect(response.status).toBe(400);
    expect(adminError(response)).toMatch(/^outcome must be/);
  });

  it("responds 400 to a reset whose accountSid is an object nested 100,000 levels deep", async () => {
    const nested = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const response = await admin({
      method: "POST",
      path: "/api/reset",
      headers: JSON_TYPE,
      body: `{"accountSid":${nested}}`,
    });
    expect(response.status).toBe(400);
    expect(adminError(response)).toMatch(/^accountSid must be/);
  });
});
