// The mock never dies on a request target and responds to every one: malformed percent-escapes, targets the URL parser
// rejects, targets Node's HTTP parser rejects. Each response is a Twilio-shaped error, and afterwards a valid create
// still gets 201. Once in process (startMock) and once as the `calls-contract mock` command.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { alive, descendants, startCli, waitForOutput } from "../support/cli.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import { HANG_MS, openFds, rawRequest, rssKb, twilioErrorProblems, validCreateStatus } from "./harness.js";

let mock: RunningMock;
const logged: string[] = [];
let startRss = 0;
let startFds = 0;

beforeAll(async () => {
  mock = await startMock({ log: (line) => logged.push(line) });
  expect(await validCreateStatus(mock.baseUrl)).toBe(201); // warm: the first create loads validators and the pool
  startRss = rssKb(process.pid);
  startFds = openFds(process.pid);
});
afterAll(() => mock?.stop());

/** A request as bytes, with credentials, so that only the target can be what is wrong with it. */
const requestFor = (target: string) =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTHORIZATION}\r\nConnection: close\r\n\r\n`;

async function expectStillServing(): Promise<void> {
  expect(await validCreateStatus(mock.baseUrl)).toBe(201);
}

describe("the mock, in process, given a malformed request target", () => {
  it("responds 400 with a Twilio error to a malformed percent-escape in the AccountSid, and keeps serving", async () => {
    const response = await fetch(`${mock.baseUrl}/2010-04-01/Accounts/%E0%A4%A/Calls.json`, {
      headers: { Authorization: AUTHORIZATION },
      signal: AbortSignal.timeout(2 * HANG_MS),
    });
    expect(response.status).toBe(400);
    expect(twilioErrorProblems(await response.text())).toEqual([]);
    await expectStillServing();
  });

  it("responds 400 with a Twilio error to a malformed percent-escape in the call SID, and keeps serving", async () => {
    const response = await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA%ZZ%E0%A4.json`, {
      headers: { Authorization: AUTHORIZATION },
      signal: AbortSignal.timeout(2 * HANG_MS),
    });
    expect(response.status).toBe(400);
    expect(twilioErrorProblems(await response.text())).toEqual([]);
    await expectStillServing();
  });

  it("responds to a malformed escape in the form body with a 400 for the field, not a crash", async () => {
    const response = await fetch(`${mock.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
      body: "To=%E0%A4%A&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft",
      signal: AbortSignal.timeout(2 * HANG_MS),
    });
    expect(response.status).toBe(400);
    expect(twilioErrorProblems(await response.text())).toEqual([]);
    await expectStillServing();
  });

  it("responds to the target //[/ (no URL at all) with 400 or 404 and a Twilio error, not a dropped connection", async () => {
    const response = await rawRequest(mock.baseUrl, requestFor("//[/"));
    expect(response.status, "no response before the connection closed").toBeOneOf([400, 404]);
    expect(twilioErrorProblems(response.body)).toEqual([]);
    await expectStillServing();
  });

  it.each([
    ["%zz", "%zz"],
    ["an unclosed IPv6 absolute-form target", "http://[::1"],
    ["a path of 20,000 slashes", "/".repeat(20_000)],
    ["a target of raw bytes that are not UTF-8", Buffer.from([0x2f, 0xff, 0xfe, 0x2f, 0xc3]).toString("latin1")],
    ["a path of 2,000 dot segments", `/${"../".repeat(2_000)}etc/passwd`],
  ])("responds to %s with a 4xx Twilio error, and keeps serving", async (_, target) => {
    const response = await rawRequest(mock.baseUrl, Buffer.from(requestFor(target), "latin1"));
    expect(response.status, "no response before the connection closed").toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(twilioErrorProblems(response.body)).toEqual([]);
    await expectStillServing();
  });

  it("responds to a bare line feed and garbage in place of a request line with a 4xx, and keeps serving", async () => {
    const response = await rawRequest(mock.baseUrl, "\u0000\u0001GARBAGE\n\n\r\n\r\n");
    expect(response.status, "no response before the connection closed").toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await expectStillServing();
  });

  it("holds its memory and file descriptors after all of the above, and still creates", async () => {
    // Both ends of every loopback connection live in this process; the server closes its side shortly after.
    await vi.waitFor(() => expect(openFds(process.pid)).toBeLessThanOrEqual(startFds + 20), { timeout: 5000 });
    expect(rssKb(process.pid) - startRss).toBeLessThan(200 * 1024);
    await expectStillServing();
  });
});

describe("the calls-contract mock command, given a malformed request target", { timeout: 60_000 }, () => {
  it("responds to //[/ and a malformed escape with Twilio errors, keeps its process up, and still creates", async () => {
    const cli = startCli(["mock", "--port", "0"]);
    const stop = () => {
      for (const pid of [...descendants(cli.pid!), cli.pid!].filter(alive)) process.kill(pid, "SIGKILL");
    };
    try {
      const [, baseUrl = ""] = await waitForOutput(cli, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const bracket = await rawRequest(baseUrl, requestFor("//[/"));
      expect(bracket.status).toBeOneOf([400, 404]);
      expect(twilioErrorProblems(bracket.body)).toEqual([]);
      const badEscape = await rawRequest(baseUrl, requestFor("/2010-04-01/Accounts/%E0%A4%A/Calls.json"));
      expect(badEscape.status).toBe(400);
      expect(twilioErrorProblems(badEscape.body)).toEqual([]);
      expect(await validCreateStatus(baseUrl)).toBe(201);
      expect(alive(cli.pid!)).toBe(true);
    } finally {
      stop();
    }
  });
});
