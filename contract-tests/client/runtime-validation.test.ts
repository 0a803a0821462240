// Runtime validation in the client, and what its errors may never contain.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CallsError, type CreateCallParams, createCallsClient } from "../../src/client/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, queuedCall } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";

let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(validate?: boolean) {
  server = await startHttpServer((_, res) => json(res, 201, queuedCall()));
  return createCallsClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: server.baseUrl,
    validate,
    retry: { maxAttempts: 1 },
  });
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
    const calls = await client();
    const error = (await calls.create(bad).catch((e: unknown) => e)) as CallsError;
    expect(error).toBeInstanceOf(CallsError);
    expect(error.kind).toBe("validation");
    expect(error.violations.map((v) => `${v.field} ${v.rule}`).sort()).toEqual([
      "From pattern",
      "MachineDetection enum",
      "Timeout maximum",
    ]);
    expect(error.message).toMatch(/^createCall: not sent, the request breaks the spec: /);
    expect(server!.requests).toHaveLength(0);
  });

  it("checks path parameters too", async () => {
    const calls = await client();
    const error = (await calls.fetch("CA123").catch((e: unknown) => e)) as CallsError;
    expect(error.kind).toBe("validation");
    expect(new Set(error.violations.map((v) => `${v.location} ${v.field}`))).toEqual(new Set(["path Sid"]));
    expect(server!.requests).toHaveLength(0);
  });

  it("checks list filters", async () => {
    const calls = await client();
    await expect(calls.list({ PageSize: 0 })).rejects.toMatchObject({
      kind: "validation",
      violations: [expect.objectContaining({ field: "PageSize", rule: "minimum" })],
    });
  });

  it("can be switched off, so that the server judges", async () => {
    const calls = await client(false);
    await expect(calls.create(bad)).resolves.toMatchObject({ status: "queued" });
    expect(server!.requests).toHaveLength(1);
  });
});

describe("redaction", () => {
  function everything(error: unknown): string {
    return [String(error), (error as Error).stack, inspect(error, { depth: 10 }), JSON.stringify(error)].join("\n");
  }

  it("keeps the SIP password out of a validation error", async () => {
    const calls = await client();
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
  });

  it("keeps the auth token out of network, timeout and API errors", async () => {
    const calls = await client();
    const { baseUrl } = server!;
    const apiError = await createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: "http://127.0.0.1:9",
      retry: { maxAttempts: 1 },
    })
      .fetch("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b")
      .catch((e: unknown) => e);
    await server!.close();
    const networkError = await calls
      .create({
        To: "+13105555555",
        From: "+12125551234",
        Url: "https://example.com/t",
        SipAuthUsername: "pat",
        SipAuthPassword: SIP_PASSWORD,
      })
      .catch((e: unknown) => e);
    for (const error of [apiError, networkError]) {
      expect(error).toBeInstanceOf(CallsError);
      expect(everything(error)).not.toContain(AUTH_TOKEN);
      expect(everything(error)).not.toContain(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64"));
      expect(everything(error)).not.toContain(SIP_PASSWORD);
    }
    void baseUrl;
  });
});

describe("redaction in validator output", () => {
  it.each(["SipAuthPasword", "SipAuthPasswrd", "sipauthpassword"])(
    "redacts a password sent under the misspelt name %s",
    async (name) => {
      const { validateCreateCallRequest } = await import("../../src/validation/index.js");
      const result = validateCreateCallRequest({
        To: "sip:pat@example.com",
        From: "client:x",
        Url: "https://example.com/t",
        [name]: SIP_PASSWORD,
      });
      expect(result.violations.map((v) => v.rule)).toEqual(["additionalProperties"]);
      expect(JSON.stringify(result.violations)).not.toContain(SIP_PASSWORD);
    },
  );

  it("redacts secrets inside a whole value it shows", async () => {
    const { validateCall } = await import("../../src/validation/index.js");
    const result = validateCall([{ SipAuthPassword: SIP_PASSWORD, note: "kept" }]);
    expect(result.violations.map((v) => v.rule)).toEqual(["type"]);
    expect(result.violations[0]!.value).toEqual([{ SipAuthPassword: "[redacted]", note: "kept" }]);
  });
});
