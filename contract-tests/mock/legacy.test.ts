// The mock serves the retired operations itself: the 2008-08-01 create in XML under a <TwilioResponse> root,
// errors included, and SMS/Messages in JSON with Twilio's codes; every response with a Deprecation header. Bare
// Prism is asked too, to show why the front layer owns the XML.
import { describe, expect, inject, it } from "vitest";
import { validateLegacyCall, validateResponse, validateSmsMessage } from "../../src/index.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";

const LEGACY_PATH = `/2008-08-01/Accounts/${ACCOUNT_SID}/Calls`;
const SMS_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/SMS/Messages.json`;
const legacyForm = { Caller: "212-555-0147", Called: "(646) 555-0183", Url: "https://example.com/legacy" };
const sms = { To: "+13105550162", From: "+12125550198", Body: "Your table is ready." };

async function post(base: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: AUTHORIZATION, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const toMock = (path: string, fields: Record<string, string>) => post(inject("mockUrl"), path, fields);

describe("the mock: 2008-08-01 create", () => {
  it("responds to a valid create with a TwilioResponse that validates", async () => {
    const response = await toMock(LEGACY_PATH, legacyForm);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(response.text).toMatch(/^<\?xml[^>]*\?>\s*<TwilioResponse><Call>/);
    const result = validateLegacyCall(response.text);
    expect([...result.violations, ...result.warnings]).toEqual([]);
    expect(result.value).toMatchObject({ Call: { Called: "6465550183", Caller: "2125550147", Status: 0, Flags: 2 } });
  });

  it("sends a Deprecation header with it", async () => {
    expect((await toMock(LEGACY_PATH, legacyForm)).headers.get("deprecation")).toBe("true");
  });

  it("responds to a create without Called with an XML RestException, code 21201", async () => {
    const { Called: _, ...rest } = legacyForm;
    const response = await toMock(LEGACY_PATH, rest);
    expect(response.status).toBe(400);
    expect(response.headers.get("deprecation")).toBe("true");
    expect(validateResponse("createLegacyCall", 400, response.text).violations).toEqual([]);
    expect(response.text).toContain("<Code>21201</Code>");
    expect(response.text).toContain("Called is required");
  });

  it("responds to a Timeout of 1000 with a RestException naming the field and rule", async () => {
    const response = await toMock(LEGACY_PATH, { ...legacyForm, Timeout: "1000" });
    expect(response.status).toBe(400);
    expect(response.text).toContain("<Message>Timeout breaks maximum: must be &lt;= 999, got 1000</Message>");
  });

  it("responds to a request without credentials with an XML 401", async () => {
    const response = await fetch(`${inject("mockUrl")}${LEGACY_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(legacyForm),
    });
    expect(response.status).toBe(401);
    expect(validateResponse("createLegacyCall", 401, await response.text()).violations).toEqual([]);
  });
});

describe("bare Prism: why the front layer owns the XML", () => {
  it("responds to a valid create with 500: it checks the XML example text as if it were an object", async () => {
    const response = await post(inject("prismUrl"), LEGACY_PATH, legacyForm, { Accept: "application/xml" });
    expect(response.status).toBe(500);
    expect(response.text).toContain("Response body must be object");
  });

  it("puts a generated 2008-08-01 response under an <xml> root, not <TwilioResponse>", async () => {
    const response = await post(inject("prismUrl"), LEGACY_PATH, legacyForm, { Prefer: "code=201, dynamic=true" });
    expect(response.status).toBe(201);
    expect(response.text).toMatch(/^<xml>/);
    expect(validateLegacyCall(response.text).violations.map((v) => [v.field, v.rule, v.value])).toEqual([
      ["(body)", "root", "xml"],
    ]);
  });
});

describe("the mock: SMS/Messages create", () => {
  it("queues a message that echoes the request and validates", async () => {
    const response = await toMock(SMS_PATH, sms);
    expect(response.status).toBe(201);
    expect(response.headers.get("deprecation")).toBe("true");
    const message = JSON.parse(response.text);
    const result = validateSmsMessage(message);
    expect([...result.violations, ...result.warnings]).toEqual([]);
    expect(message).toMatchObject({ to: sms.To, from: sms.From, body: sms.Body, status: "queued" });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it.each([
    ["a Body of 161 characters", { ...sms, Body: "x".repeat(161) }, 21605],
    ["no Body", { To: sms.To, From: sms.From }, 21602],
    ["no From", { To: sms.To, Body: sms.Body }, 21603],
    ["no To", { From: sms.From, Body: sms.Body }, 21604],
    ["a To that is not a number", { ...sms, To: "pat" }, 21211],
  ])("responds to %s with code %i", async (_, fields, code) => {
    const response = await toMock(SMS_PATH, fields as Record<string, string>);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ code, status: 400 });
  });

  it("takes a Body of exactly 160 characters", async () => {
    expect((await toMock(SMS_PATH, { ...sms, Body: "x".repeat(160) })).status).toBe(201);
  });
});
