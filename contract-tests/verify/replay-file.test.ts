// A failures file or list that cannot be replayed is refused before anything is sent, naming failures[i], the
// field, the rule and the value: a file edited by hand must not be half-sent, nor crash the replay.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { type ReplayableFailure, readFailuresFile, replayFailures } from "../../src/verify/index.js";
import { startHttpServer } from "../support/http-server.js";

const credentials = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "replay-file-token-21" };

const fetchFailure = {
  check: "status-declared",
  operation: "fetchCall",
  subject: "fetches a call",
  expected: "one of 200, 401, 404",
  actual: "500",
  details: [],
  standsFor: 1,
  curl: [],
  request: { testCase: { name: "a call", operation: "fetchCall", expect: "accept" }, authenticated: true },
};

async function fileWith(failures: unknown[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "replay-file-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, "failures.json");
  await writeFile(path, JSON.stringify({ baseUrl: "http://127.0.0.1:1", failures }));
  return path;
}

/** A server that counts what reaches it: a refused replay must send nothing. */
async function countingServer() {
  let arrived = 0;
  const server = await startHttpServer((_request, response) => {
    arrived += 1;
    response.writeHead(500).end();
  });
  return { baseUrl: server.baseUrl, arrived: () => arrived };
}

describe("a failures file to replay", () => {
  it("refuses a request that is null, naming failures[i].request", async () => {
    const path = await fileWith([fetchFailure, { ...fetchFailure, request: null }]);
    await expect(readFailuresFile(path)).rejects.toThrow(
      `${path}: failures[1].request must be an object with a testCase object and authenticated true or false, got null`,
    );
  });

  it("refuses an unknown sequence name, naming the sequences", async () => {
    const { request: _, ...bare } = fetchFailure;
    const path = await fileWith([{ ...bare, sequence: { name: "nope", seed: 3 } }]);
    await expect(readFailuresFile(path)).rejects.toThrow(
      'failures[0].sequence.name must be one of lifecycle, paging, got "nope"',
    );
  });

  it("refuses a check verify does not run", async () => {
    const path = await fileWith([{ ...fetchFailure, check: "nope" }]);
    await expect(readFailuresFile(path)).rejects.toThrow(
      /failures\[0\]\.check must be one of accepts-valid-request, .*, got "nope"$/,
    );
  });

  it("refuses an unknown operation given as a list, before sending anything", async () => {
    const server = await countingServer();
    const failure = {
      ...fetchFailure,
      request: { ...fetchFailure.request, testCase: { ...fetchFailure.request.testCase, operation: "nope" } },
    };
    const replay = replayFailures([fetchFailure, failure] as ReplayableFailure[], {
      baseUrl: server.baseUrl,
      credentials,
    });
    await expect(replay).rejects.toThrow(
      /^failures\[1\]\.request\.testCase\.operation must be one of listCalls, .*createCall.*, got "nope"$/,
    );
    expect(server.arrived()).toBe(0);
  });

  it("sends a well-formed failure again", async () => {
    const server = await countingServer();
    const replayed = await replayFailures(await readFailuresFile(await fileWith([fetchFailure])), {
      baseUrl: server.baseUrl,
      credentials,
    });
    expect(server.arrived()).toBe(1);
    expect(replayed.results[0]?.passes).toBe(false);
  });
});
