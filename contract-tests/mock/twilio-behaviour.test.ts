// The mock responds to mistakes and test numbers the way Twilio does.
import { describe, expect, inject, it } from "vitest";
import { type CreateCallParams, createCallsClient, TwilioApiError } from "../../src/index.js";
import { requestCorpus } from "../../src/verify/corpus.js";
import { toMock } from "../support/exchange.js";
import { ACCOUNT_SID, AUTH_TOKEN, AUTHORIZATION } from "../support/fixtures.js";

const client = () => createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: inject("mockUrl") });
const call = (to: string, from = "+15005550006"): CreateCallParams => ({
  To: to,
  From: from,
  Url: "https://example.com/twiml",
});

async function failure(params: CreateCallParams): Promise<TwilioApiError> {
  const error = await client()
    .create(params)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(TwilioApiError);
  return error as TwilioApiError;
}

describe("test-credential numbers", () => {
  it.each([
    ["To", "+15005550001", 21217],
    ["To", "+15005550002", 21214],
    ["To", "+15005550003", 21215],
    ["To", "+15005550004", 21216],
  ])("responds to %s %s with %i", async (_, number, code) => {
    const error = await failure(call(number));
    expect(error).toMatchObject({ status: 400, code, moreInfo: `https://www.twilio.com/docs/errors/${code}` });
    expect(error.message).toContain(number);
  });

  it("responds to From +15005550001 with 21212", async () => {
    expect(await failure(call("+13105555555", "+15005550001"))).toMatchObject({ status: 400, code: 21212 });
  });

  it("places a call from +15005550006", async () => {
    await expect(client().create(call("+13105555555"))).resolves.toMatchObject({ status: "queued" });
  });
});

// Codes Twilio documents for these fields; every other rule is 20001 (invalid parameter).
const DOCUMENTED: Record<string, number> = {
  "To required": 21201,
  "From required": 21213,
  "Url|Twiml|ApplicationSid anyOf": 21205,
  "From pattern": 21212,
  "To anyOf": 21211,
  "Url pattern": 21205,
  "ApplicationSid pattern": 21218,
  "ApplicationSid minLength": 21218,
  // twilio.com/docs/api/errors/21206, 21208 and 21209, cited beside SendDigits, Timeout and Method in the spec.
  "SendDigits pattern": 21206,
  "SendDigits maxLength": 21206,
  "Timeout minimum": 21208,
  "Timeout maximum": 21208,
  "Timeout type": 21208,
  "Timeout single-value": 21208,
  "Method enum": 21209,
};

describe("a rejected createCall names its problem", () => {
  const rejected = requestCorpus.filter((c) => c.operation === "createCall" && c.expect === "reject" && !c.path);
  it.each(rejected.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const response = await toMock(c);
    const body = response.body as { code: number; message: string; status: number };
    const { field, rule } = c.breaks!;
    expect(response.status).toBe(400);
    expect(body.status).toBe(400);
    expect(body.code).toBe(DOCUMENTED[`${field} ${rule}`] ?? 20001);
    expect(body.message).toContain(field);
    expect(body.message).toContain(rule === "required" ? "is required" : `breaks ${rule}`);
  });

  // The codes sit beside their fields in the spec (x-twilio-error-codes), per operation: a To sent to an update,
  // which has no To, is an unknown field like any other, not an invalid phone number.
  it("responds 20001 to a field that only another operation takes", async () => {
    const url = `${inject("mockUrl")}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.json`;
    const response = await fetch(url, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
      body: "Status=completed&To=%2B13105555555",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 20001, status: 400 });
  });

  it("never repeats a SIP password in the error", async () => {
    const response = await toMock({
      name: "",
      operation: "createCall",
      expect: "reject",
      body: [
        ["To", "sip:pat@example.com"],
        ["From", "client:x"],
        ["Url", "https://example.com/t"],
        ["SipAuthPassword", "hunter2-sip"],
        ["SipAuthPassword", "again"],
      ],
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain("hunter2-sip");
    expect(JSON.stringify(response.body)).toContain("[redacted]");
  });
});

// The spec's requestBody.required decides: an update's body may be left out (twilio-node sends none for an update
// without fields); a create's may not, and whatever body comes must be a form.
describe("the body's media type", () => {
  const calls = () => `${inject("mockUrl")}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls`;
  const post = (path: string, body: string, type?: string) =>
    fetch(`${calls()}${path}`, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, ...(type ? { "Content-Type": type } : {}) },
      body,
    });

  it("accepts an update with no body and no Content-Type", async () => {
    const response = await post("/CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.json", "");
    expect(response.status).toBe(200);
  });

  it("responds 415 to a create with no body and no Content-Type", async () => {
    const response = await post(".json", "");
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 20001, status: 415 });
  });

  it("responds 415 to an update sent as JSON", async () => {
    const response = await post(
      "/CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.json",
      '{"Status":"completed"}',
      "application/json",
    );
    expect(response.status).toBe(415);
    expect((await response.json()).message).toContain('not "application/json"');
  });
});
