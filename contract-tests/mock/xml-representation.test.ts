// The XML representation of the Calls resource (its paths without `.json`), served by the mock stateless and
// stateful: the same request as the JSON one, the response as a <TwilioResponse> that validates with no finding,
// errors as <RestException> with Twilio's codes, and in the stateful mode one state whichever representation asks.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type OperationId, validateResponse } from "../../src/index.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";

const calls = (account = ACCOUNT_SID) => `/2010-04-01/Accounts/${account}/Calls`;
const create = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

async function send(base: string, method: string, path: string, form?: Record<string, string>, auth = true) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: AUTHORIZATION } : {}),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(form ? { body: new URLSearchParams(form) } : {}),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The response read by the spec's XML schema for its operation and status: no error, no warning. */
function conforming(operation: OperationId, response: Awaited<ReturnType<typeof send>>) {
  expect(response.contentType, response.text).toBe("application/xml");
  const result = validateResponse(operation, response.status, response.text);
  expect([...result.violations, ...result.warnings].map((v) => v.message)).toEqual([]);
  return result.value as Record<string, Record<string, unknown>>;
}

describe("the stateless mock: the Calls resource in XML", () => {
  const mock = () => inject("mockUrl");

  it("queues a call posted to Calls with no extension, and responds with a <Call>", async () => {
    const response = await send(mock(), "POST", calls(), create);
    expect(response.status).toBe(201);
    expect(response.text).toMatch(/^<\?xml[^>]*\?>\s*<TwilioResponse><Call><Sid>CA/);
    expect(conforming("createCallXml", response).Call).toMatchObject({ Status: "queued", QueueTime: "0" });
  });

  it("lists calls as <Calls> with paging attributes and one <Call> each", async () => {
    const response = await send(mock(), "GET", `${calls()}?PageSize=2`);
    expect(response.status).toBe(200);
    const page = conforming("listCallsXml", response).Calls as { Call: unknown[]; pagesize: number };
    expect(page.Call.length).toBeGreaterThan(0);
    expect(response.text).toMatch(/<Calls page="0" pagesize="\d+"/);
  });

  it("fetches, updates and deletes a call through its path with no extension", async () => {
    const one = `${calls()}/CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b`;
    const fetched = await send(mock(), "GET", one);
    expect(fetched.status).toBe(200);
    conforming("fetchCallXml", fetched);
    const updated = await send(mock(), "POST", one, { Status: "completed" });
    expect(updated.status).toBe(200);
    conforming("updateCallXml", updated);
    expect((await send(mock(), "DELETE", one)).status).toBe(204);
  });

  it.each([
    ["a create without To", "POST", calls(), { From: create.From, Url: create.Url }, 400, 21201],
    [
      "a create to a test number that cannot be reached",
      "POST",
      calls(),
      { ...create, To: "+15005550002" },
      400,
      21214,
    ],
    ["a PageSize of 1001", "GET", `${calls()}?PageSize=1001`, undefined, 400, 20001],
    ["a Sid that is no call SID", "GET", `${calls()}/AC9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b`, undefined, 400, 20001],
  ])("responds to %s with a <RestException>", async (_, method, path, form, status, code) => {
    const response = await send(mock(), method, path, form);
    expect(response.status).toBe(status);
    const operation = method === "POST" ? "createCallXml" : path.includes("/Calls/") ? "fetchCallXml" : "listCallsXml";
    const error = conforming(operation, response).RestException;
    expect(error).toMatchObject({ Code: code, Status: status });
    expect(error?.MoreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  });

  it("responds to a request without credentials with an XML 401", async () => {
    const response = await send(mock(), "GET", calls(), undefined, false);
    expect(response.status).toBe(401);
    expect(conforming("listCallsXml", response).RestException).toMatchObject({ Code: 20003, Message: "Authenticate" });
  });

  it("keeps JSON for the .json paths", async () => {
    const response = await send(mock(), "POST", `${calls()}.json`, create);
    expect(response.status).toBe(201);
    expect(response.contentType).toBe("application/json");
  });
});

describe("the mock: SMS/Messages in XML", () => {
  const messages = `/2010-04-01/Accounts/${ACCOUNT_SID}/SMS/Messages`;
  const text = { To: "+13105550162", From: "+12125550198", Body: "Your table is ready." };

  it("queues a text as <SMSMessage>, with a Deprecation header", async () => {
    const response = await fetch(`${inject("mockUrl")}${messages}`, {
      method: "POST",
      headers: { authorization: AUTHORIZATION, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(text),
    });
    expect(response.headers.get("deprecation")).toBe("true");
    const body = await response.text();
    const read = conforming("createSmsMessageXml", {
      status: response.status,
      contentType: "application/xml",
      text: body,
    });
    expect(read.SMSMessage).toMatchObject({ ...text, Status: "queued", ApiVersion: "2010-04-01" });
  });

  it.each([
    ["a Body of 161 characters", { ...text, Body: "x".repeat(161) }, 21605],
    ["no To", { From: text.From, Body: text.Body }, 21604],
  ])("responds to %s with its code in a <RestException>", async (_, form, code) => {
    const response = await send(inject("mockUrl"), "POST", messages, form as Record<string, string>);
    expect(response.status).toBe(400);
    expect(conforming("createSmsMessageXml", response).RestException).toMatchObject({ Code: code, Status: 400 });
  });
});

describe("the stateful mock: one state, two representations", () => {
  let harness: StatefulHarness;
  beforeAll(async () => {
    harness = await startStatefulHarness();
  });
  afterAll(() => harness.stop());

  it("creates in XML, reads the same call in JSON and XML, lists it, ends it and deletes it", async () => {
    const base = harness.mock.baseUrl;
    const account = freshAccount();
    const created = conforming("createCallXml", await send(base, "POST", calls(account), create)).Call as {
      Sid: string;
    };
    const json = await harness.client(account).fetch(created.Sid);
    expect(json).toMatchObject({ sid: created.Sid, status: "queued", to: create.To });
    const one = `${calls(account)}/${created.Sid}`;
    expect(conforming("fetchCallXml", await send(base, "GET", one)).Call).toMatchObject({ Sid: created.Sid });
    const page = conforming("listCallsXml", await send(base, "GET", calls(account))).Calls as {
      Call: Array<{ Sid: string }>;
    };
    expect(page.Call.map((c) => c.Sid)).toEqual([created.Sid]);
    const ended = conforming("updateCallXml", await send(base, "POST", one, { Status: "canceled" })).Call;
    expect(ended).toMatchObject({ Status: "canceled" });
    expect((await send(base, "DELETE", one)).status).toBe(204);
    const gone = await send(base, "GET", one);
    expect(gone.status).toBe(404);
    expect(conforming("fetchCallXml", gone).RestException).toMatchObject({ Code: 20404 });
  });

  it("journals each request under the operation it called", async () => {
    const account = freshAccount();
    await send(harness.mock.baseUrl, "POST", calls(account), create);
    const journal = await harness.admin.journal();
    const mine = journal.requests.filter((r) => r.accountSid === account);
    expect(mine.map((r) => [r.operationId, r.status])).toEqual([["createCallXml", 201]]);
  });
});
