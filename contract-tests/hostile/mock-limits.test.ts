// The mock bounds what one request may cost it: a body over the limit (1 MiB by default) gets a 413 without
// being read to its end, a body or header block that trickles in is cut off after the request or headers timeout,
// and none of it stops valid requests from being served or leaks memory or sockets.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type MockOptions, type RunningMock, startMock } from "../../src/mock/index.js";
import { AUTHORIZATION } from "../support/fixtures.js";
import {
  CREATE_PATH,
  chunkOf,
  KiB,
  MiB,
  openFds,
  pump,
  rawConnection,
  rssKb,
  twilioErrorProblems,
  VALID_CREATE,
  validCreateStatus,
} from "./harness.js";

const TIMEOUT_MS = 1000;
// What the timeouts may overrun by: Node checks its request and headers timers on an interval.
const MARGIN_MS = 3000;

let mock: RunningMock;
let startRss = 0;
let startFds = 0;

beforeAll(async () => {
  const options: MockOptions = {
    log: () => undefined,
    requestTimeoutMs: TIMEOUT_MS,
    headersTimeoutMs: TIMEOUT_MS,
  };
  mock = await startMock(options);
  expect(await validCreateStatus(mock.baseUrl)).toBe(201);
  startRss = rssKb(process.pid);
  startFds = openFds(process.pid);
});
afterAll(() => mock?.stop());

async function expectStillServing(): Promise<void> {
  expect(await validCreateStatus(mock.baseUrl)).toBe(201);
}

const head = (extra: string) =>
  `POST ${CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\n` +
  `Content-Type: application/x-www-form-urlencoded\r\n${extra}\r\n`;

/** A valid create padded with an unknown field to exactly `bytes` bytes. */
const paddedCreate = (bytes: number) => {
  const start = `${VALID_CREATE}&Pad=`;
  return start + "a".repeat(bytes - start.length);
};

describe("the mock's body limit", () => {
  it("responds 413 with a Twilio error to a body one byte over 1 MiB, and keeps serving", async () => {
    const body = paddedCreate(MiB + 1);
    const connection = rawConnection(mock.baseUrl);
    connection.socket.write(head(`Content-Length: ${body.length}\r\n`));
    connection.socket.write(body);
    const response = await connection.within(5000);
    expect(response.status).toBe(413);
    expect(twilioErrorProblems(response.body)).toEqual([]);
    await expectStillServing();
  });

  it("reads a body of exactly 1 MiB: 400 for its unknown field, not 413", async () => {
    const body = paddedCreate(MiB);
    const connection = rawConnection(mock.baseUrl);
    connection.socket.write(head(`Content-Length: ${body.length}\r\n`));
    connection.socket.write(body);
    const response = await connection.within(5000);
    expect(response.status).toBe(400);
    expect(response.body).toContain("Pad");
  });

  it("responds 413 to a Content-Length of 10 GiB sent at full speed, long before it is all sent", async () => {
    const connection = rawConnection(mock.baseUrl);
    connection.socket.write(head(`Content-Length: ${10 * 1024 * MiB}\r\n`));
    connection.socket.write(`${VALID_CREATE}&Pad=`);
    const sent = await pump(connection, Buffer.alloc(64 * KiB, "a"), { bytes: 256 * MiB, ms: 4000 });
    const response = await connection.within(1000);
    expect(response.status).toBe(413);
    expect(twilioErrorProblems(response.body)).toEqual([]);
    // Socket buffers on loopback hold a few MiB; a server that read on would have taken the whole 256 MiB.
    expect(sent).toBeLessThan(64 * MiB);
    await expectStillServing();
  });

  it("stops a chunked body that never ends with 413 once it passes the limit", async () => {
    const connection = rawConnection(mock.baseUrl);
    connection.socket.write(head("Transfer-Encoding: chunked\r\n"));
    connection.socket.write(chunkOf(Buffer.from(`${VALID_CREATE}&Pad=`)));
    const sent = await pump(connection, chunkOf(Buffer.alloc(16 * KiB, "a")), { bytes: 256 * MiB, ms: 4000 });
    const response = await connection.within(1000);
    expect(response.status).toBe(413);
    expect(twilioErrorProblems(response.body)).toEqual([]);
    expect(sent).toBeLessThan(64 * MiB);
    await expectStillServing();
  });
});

// Each case waits out a timeout of the mock's; side by side they cost the run one wait instead of three.
describe.concurrent("the mock's request and headers timeouts", () => {
  it("responds to or closes a chunked body that trickles in, once the request timeout has passed", async ({
    onTestFinished,
  }) => {
    const connection = rawConnection(mock.baseUrl, onTestFinished);
    connection.socket.write(head("Transfer-Encoding: chunked\r\n"));
    // Ten bytes every 100 ms: far under the body limit, so only the request timeout can end it.
    void pump(connection, chunkOf(Buffer.from("a".repeat(10))), { bytes: MiB, ms: 8000, pauseMs: 100 });
    const response = await connection.within(TIMEOUT_MS + MARGIN_MS);
    expect(response.status !== undefined || response.closed, "the mock still waits for the body").toBe(true);
    await expectStillServing();
  });

  it("closes a connection whose headers never finish, within the headers timeout", async ({ onTestFinished }) => {
    const connection = rawConnection(mock.baseUrl, onTestFinished);
    connection.socket.write("POST /x HTTP/1.1\r\nHost: x\r\n");
    // A 408 on the way out is fine; the connection must close all the same.
    expect(await connection.closedWithin(TIMEOUT_MS + MARGIN_MS), "the connection is still open").toBe(true);
    await expectStillServing();
  });

  it("keeps creating while 50 connections hold their headers open, and closes them all", async ({ onTestFinished }) => {
    const held = Array.from({ length: 50 }, () => {
      const connection = rawConnection(mock.baseUrl, onTestFinished);
      connection.socket.write(`POST ${CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      return connection;
    });
    await expectStillServing();
    await vi.waitFor(() => expect(held.filter((c) => !c.isClosed())).toHaveLength(0), {
      timeout: TIMEOUT_MS + MARGIN_MS,
      interval: 100,
    });
  });
});

describe("after all of the above", () => {
  it("holds its memory and file descriptors, and still creates", async () => {
    await vi.waitFor(() => expect(openFds(process.pid)).toBeLessThanOrEqual(startFds + 20), { timeout: 5000 });
    expect(rssKb(process.pid) - startRss).toBeLessThan(200 * 1024);
    await expectStillServing();
  });
});
