// The mock's status callbacks against hostile receivers on loopback: a redirect is reported, never followed (the
// loopback rule was checked for the URL given, not for where a 3xx points), and an endless response is not read
// into memory; the mock keeps serving throughout.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { startHttpServer } from "../support/http-server.js";
import {
  MiB,
  postForm,
  rssKb,
  sampleRss,
  sleep,
  startHostileServer,
  streamBytes,
  VALID_CREATE,
  validCreateStatus,
} from "./harness.js";

let mock: RunningMock;
const logged: string[] = [];
beforeAll(async () => {
  mock = await startMock({ log: (line) => logged.push(line) });
});
afterAll(() => mock?.stop());
afterEach(() => {
  logged.length = 0;
});

const createWithCallback = (url: string) =>
  postForm(mock.baseUrl, `${VALID_CREATE}&StatusCallback=${encodeURIComponent(url)}`);

describe("status callbacks to a receiver that redirects", () => {
  it("does not follow a 307 to a host off the machine, and logs the 307", async () => {
    const receiver = await startHttpServer((_, res) => {
      res.writeHead(307, { Location: "http://callback-target.invalid/x" });
      res.end();
    });
    expect((await createWithCallback(`${receiver.baseUrl}/cb`)).status).toBe(201);
    await vi.waitFor(() => expect(logged.join("\n")).toMatch(/\b307\b/), { timeout: 5000 });
    await sleep(300); // room for a followed redirect to fail and say so
    expect(logged.join("\n")).not.toContain("ENOTFOUND");
    expect(receiver.requests).toHaveLength(1);
  });

  it("does not follow a 302 to another path of the same receiver", async () => {
    const receiver = await startHttpServer((req, res) => {
      res.writeHead(req.url.startsWith("/elsewhere") ? 204 : 302, { Location: "/elsewhere" });
      res.end();
    });
    expect((await createWithCallback(`${receiver.baseUrl}/cb`)).status).toBe(201);
    await vi.waitFor(() => expect(logged.join("\n")).toMatch(/\b302\b/), { timeout: 5000 });
    await sleep(300);
    expect(receiver.requests.map((r) => r.url)).toEqual(["/cb"]);
  });
});

describe("status callbacks to a receiver that responds without end", () => {
  it("keeps serving while the receiver streams a 100 MiB response, logs the callback, and holds its memory", async () => {
    // An error status, so that a mock which reads only the status still has something to log.
    const receiver = await startHostileServer((_, res) => {
      res.writeHead(503, { "Content-Type": "text/plain" });
      void streamBytes(res, 100 * MiB);
    });
    const before = rssKb(process.pid);
    const memory = sampleRss(process.pid);
    expect((await createWithCallback(`${receiver.baseUrl}/big`)).status).toBe(201);
    expect(await validCreateStatus(mock.baseUrl)).toBe(201);
    await vi.waitFor(() => expect(logged.join("\n")).toMatch(/\/big\b.*\b503\b/), { timeout: 5000 });
    memory.stop();
    expect(receiver.seen).toHaveLength(1);
    // A mock that buffered the response would hold 100 MiB at least.
    expect(memory.peak() - before).toBeLessThan(64 * 1024);
    expect(await validCreateStatus(mock.baseUrl)).toBe(201);
  });
});
