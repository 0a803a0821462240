// Runtime validation in the client, and what its errors may never contain.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type CallsClientOptions,
  CallsError,
  type CreateCallParams,
  createCallsClient,
} from "../../src/client/index.js";
import type { Violation } from "../../src/validation/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, queuedCall } from "../support/fixtures.js";
import { closedServerUrl, json, startHttpServer } from "../support/http-server.js";

async function client(options: Partial<CallsClientOptions> = {}) {
  const server = await startHttpServer((_, res) => json(res, 201, queuedCall()));
  const calls = createCallsClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.baseUrl,
    retry: { maxAttempts: 1 },
    ...options,
  });
  return { calls, server };
}

const SIP_PASSWORD = "sip-password-that-must-not-leak";
const bad = {
  To: "+13105555555",
  From: "client:charlie",
  Url: "https://example.com/t",
  Timeout: 601,
  MachineDetection: "enable",
} as unknown as CreateCallParams;

describe("runtime validation", () => {
  it("does not send a request the spec rejects, and lists every violation", async () => {
    const { calls, server } = await client();
    const error = (await calls.create(bad).catch((e: unknown) => e)) as CallsError;
    expect(error).toBeInstanceOf(CallsError);
    expect(error.kind).toBe("validation");
    expect(error.violations.map((v) => `${v.field} ${v.rule}`).sort()).toEqual([
      "From pattern",
      "MachineDetection enum",
      "Timeout maximum",
    ]);
    expect(error.message).toMatch(/^createCall: not sent, the request breaks the spec: /);
    expect(server.requests).toHaveLength(0);
  });

  it("checks path parameters too", async () => {
    const { calls, server } = await client();
    const error = (await calls.fetch("CA123").catch((e: unknown) => e)) as CallsError;
    expect(error.kind).toBe("validation");
    expect(new Set(error.violations.map((v) => `${v.location} ${v.field}`))).toEqual(new Set(["path Sid"]));
    expect(server.requests).toHaveLength(0);
  });

  it("checks list filters", async () => {
    const { calls, server } = await client();
    await expect(calls.list({ PageSize: 0 })).rejects.toMatchObject({
      kind: "validation",
      violations: [expect.objectContaining({ field: "PageSize", rule: "minimum" })],
    });
    expect(server.requests).toHaveLength(0);
  });

  it("sends a request that breaks only advisory rules, and hands its warnings to onWarning", async () => {
    const received: Violation[][] = [];
    const { calls, server } = await client({ onWarning: (warnings) => received.push(warnings) });
    await calls.create({ To: "+1 801-664-0964", From: "+18016637825", Url: "https://example.com/t" });
    expect(server.requests).toHaveLength(1);
    expect(received.map((ws) => ws.map((w) => `${w.severity} ${w.field} ${w.rule}`))).toEqual([["warning To e164"]]);
  });

  it("calls onWarning for nothing else", async () => {
    const received: Violation[][] = [];
    const { calls } = await client({ onWarning: (warnings) => received.push(warnings) });
    await calls.create({ To: "+18016640964", From: "+18016637825", Url: "https://example.com/t" });
    await calls.create(bad).catch(() => undefined);
    expect(received).toEqual([]);
  });

  it("can be switched off, so that the server judges", async () => {
    const { calls, server } = await client({ validate: false });
    await expect(calls.create(bad)).resolves.toMatchObject({ status: "queued" });
    expect(server.requests).toHaveLength(1);
  });
});

const clientOn = (baseUrl: string, options: Partial<CallsClientOptions> = {}) =>
  createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl, retry: { maxAttempts: 1 }, ...options });

describe("redaction", () => {
  function everything(error: unknown): string {
    return [String(error), (error as Error).stack, inspect(error, { depth: 10 }), JSON.stringify(error)].join("\n");
  }

  it("keeps the SIP password out of a validation error", async () => {
    const { calls, server } = await client();
    const error = await calls
      .create({
        To: "sip:pat@example.com",
        From: "client:x",
        Url: "https://example.com/t",
        SipAuthUsername: "",
        SipAuthPassword: `${SIP_PASSWORD}${"x".repeat(300)}`,
      })
      .catch((e: unknown) => e);
    expect((error as CallsError).violations.map((v) => v.field).sort()).toEqual(["SipAuthPassword", "SipAuthUsername"]);
    expect(everything(error)).toContain("[redacted]");
    expect(everything(error)).not.toContain(SIP_PASSWORD);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps the auth token out of API, timeout and network errors", async () => {
    const create = {
      To: "+13105555555",
      From: "+12125551234",
      Url: "https://example.com/t",
      SipAuthUsername: "pat",
      SipAuthPassword: SIP_PASSWORD,
    } satisfies CreateCallParams;
    const responding = await startHttpServer((_, res) =>
      json(res, 400, { code: 21201, message: "No 'To' number is specified", status: 400 }),
    );
    const silent = await startHttpServer(() => undefined);
    const errors = {
      api: await clientOn(responding.baseUrl)
        .create(create)
        .catch((e: unknown) => e),
      timeout: await clientOn(silent.baseUrl, { timeoutMs: 100 })
        .create(create)
        .catch((e: unknown) => e),
      network: await clientOn(await closedServerUrl())
        .create(create)
        .catch((e: unknown) => e),
    };
    expect(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, (e as CallsError).kind]))).toEqual({
      api: "api",
      timeout: "timeout",
      network: "network",
    });
    for (const error of Object.values(errors)) {
      expect(everything(error)).not.toContain(AUTH_TOKEN);
      expect(everything(error)).not.toContain(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64"));
      expect(everything(error)).not.toContain(SIP_PASSWORD);
    }
  });
});
