// After a successful create, the mock calls the StatusCallback back the way Twilio does: the requested events in
// order, signed with the auth token of the request, rising SequenceNumber, the chosen method, loopback only.
import type { ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type CreateCallParams, createCallsClient, parseWebhook } from "../../src/index.js";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";
import {
  closedServerUrl,
  empty,
  type RecordedRequest,
  startHttpServer,
  type TestServer,
} from "../support/http-server.js";

let mock: RunningMock;
const logged: string[] = [];
beforeAll(async () => {
  mock = await startMock({ log: (line) => logged.push(line) });
});
afterAll(() => mock.stop());

afterEach(() => {
  logged.length = 0;
});

const client = () => createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
const base: CreateCallParams = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

/** The receiver's requests, once it has at least `count` of them. */
const received = (receiver: TestServer, count: number) =>
  vi.waitFor(() => {
    expect(receiver.requests.length).toBeGreaterThanOrEqual(count);
    return receiver.requests;
  });

const ok = (_: RecordedRequest, res: ServerResponse) => empty(res, 204);

describe("status callbacks", () => {
  it("sends every requested event in order, signed, with the created call's CallSid and a rising SequenceNumber", async () => {
    const receiver = await startHttpServer(ok);
    const statusUrl = `${receiver.baseUrl}/status?tenant=7`;
    const created = await client().create({
      ...base,
      StatusCallback: statusUrl,
      StatusCallbackEvent: ["completed", "ringing", "initiated", "answered"],
    });
    const requests = await received(receiver, 4);
    const payloads = requests.map((r) => {
      expect(r.method).toBe("POST");
      expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      return parseWebhook("statusCallback", {
        url: `${receiver.baseUrl}${r.url}`,
        body: r.body,
        signature: r.headers["x-twilio-signature"] as string,
        authToken: AUTH_TOKEN,
      });
    });
    expect(payloads.map((p) => p.CallStatus)).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    expect(payloads.map((p) => p.SequenceNumber)).toEqual([0, 1, 2, 3]);
    expect(new Set(payloads.map((p) => p.CallSid))).toEqual(new Set([created.sid]));
    expect(payloads[3]).toMatchObject({
      To: base.To,
      From: base.From,
      CallbackSource: "call-progress-events",
      CallDuration: 0,
    });
  });

  it("sends completed alone when no event is named", async () => {
    const receiver = await startHttpServer(ok);
    await client().create({ ...base, StatusCallback: `${receiver.baseUrl}/status` });
    const [only] = await received(receiver, 1);
    // Events go out in lifecycle order and completed is the last, so any other event would have come first.
    expect(new URLSearchParams(only?.body).get("CallStatus")).toBe("completed");
    expect(receiver.requests).toHaveLength(1);
  });

  it("uses GET with the fields in the query when StatusCallbackMethod is GET, signed over the full URL", async () => {
    const receiver = await startHttpServer(ok);
    await client().create({
      ...base,
      StatusCallback: `${receiver.baseUrl}/status`,
      StatusCallbackMethod: "GET",
      StatusCallbackEvent: ["ringing"],
    });
    const [request] = await received(receiver, 1);
    expect(request!.method).toBe("GET");
    const payload = parseWebhook("statusCallback", {
      url: `${receiver.baseUrl}${request!.url}`,
      signature: request!.headers["x-twilio-signature"] as string,
      authToken: AUTH_TOKEN,
    });
    expect(payload.CallStatus).toBe("ringing");
  });

  it("signs with the auth token the create request used, which a wrong token cannot verify", async () => {
    const receiver = await startHttpServer(ok);
    await client().create({ ...base, StatusCallback: `${receiver.baseUrl}/status` });
    const [request] = await received(receiver, 1);
    expect(() =>
      parseWebhook("statusCallback", {
        url: `${receiver.baseUrl}${request!.url}`,
        body: request!.body,
        signature: request!.headers["x-twilio-signature"] as string,
        authToken: "another-token",
      }),
    ).toThrow(/does not match/);
  });

  it("responds to the create before a slow receiver has responded to the first callback", async () => {
    const held: ServerResponse[] = [];
    const receiver = await startHttpServer((_, res) => held.push(res));
    const created = await client().create({
      ...base,
      StatusCallback: `${receiver.baseUrl}/slow`,
      StatusCallbackEvent: ["initiated", "ringing"],
    });
    expect(created.sid).toMatch(/^CA/);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(receiver.requests).toHaveLength(1); // the second waits for the first, as Twilio orders them
    for (const res of held.splice(0)) empty(res, 200);
    await received(receiver, 2);
    for (const res of held.splice(0)) empty(res, 200);
  });

  it("logs a receiver that is down and keeps serving", async () => {
    await client().create({ ...base, StatusCallback: `${await closedServerUrl()}/status` });
    await vi.waitFor(() => expect(logged.join("\n")).toContain("failed"));
    expect(logged.join("\n")).toMatch(
      /status callback completed to http:\/\/127\.0\.0\.1:\d+\/status failed \(ECONNREFUSED\); the mock carries on/,
    );
    await expect(client().list()).resolves.toMatchObject({ page: 0 });
  });

  it("accepts a create that breaks only an advisory rule, and logs the warning", async () => {
    await expect(client().create({ ...base, To: "+1 310-555-5555" })).resolves.toMatchObject({ status: "queued" });
    expect(logged).toEqual([
      'warning: createCall body: To breaks e164: Send phone numbers in E.164, a plus sign and digits only., got "+1 310-555-5555" (warning)',
    ]);
  });

  it("never calls a URL off this machine, and says so", async () => {
    await client().create({ ...base, StatusCallback: "https://user:pw-secret@hooks.example.invalid/status" });
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    expect(logged).toEqual([
      "status callbacks: not calling https://hooks.example.invalid/status; the mock calls back loopback URLs only",
    ]);
  });
});
