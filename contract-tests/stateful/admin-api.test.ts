// The stateful mock's admin API against its own document, openapi/mock-admin.yaml: every response in these cases is
// checked against the response the document gives for its operation and status, in ok/fail pairs.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MockAdminError, startMock } from "../../src/mock/index.js";
import { statefulInternals } from "../../src/mock/stateful/internals.js";
import { AUTH_TOKEN, AUTHORIZATION } from "../support/fixtures.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { type AdminResponse, documentedAdmin, type Method } from "./admin-document.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness();
});
afterAll(() => harness.stop());
afterEach(() => harness.admin.reset());

/** Calls the admin API and checks the response against the document before handing it to the test. */
function admin(method: Method, path: string, documented: string, body?: unknown): Promise<AdminResponse> {
  return documentedAdmin(harness.mock.adminUrl as string, method, path, documented, body);
}

async function placeCall(accountSid: string, to = "+13105555555"): Promise<string> {
  const response = await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls.json`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${accountSid}:${AUTH_TOKEN}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ To: to, From: "+12125551234", Url: "https://example.com/twiml" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { sid: string }).sid;
}

describe("the admin API's clock", () => {
  it("reads the manual clock", async () => {
    const { status, body } = await admin("get", "/clock", "/clock");
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: "manual", scale: 0 });
  });

  it("moves a manual clock forward by ms", async () => {
    const before = (await harness.admin.clock()).nowMs;
    const { status, body } = await admin("post", "/clock/advance", "/clock/advance", { ms: 1500 });
    expect(status).toBe(200);
    expect((body as { nowMs: number }).nowMs).toBe(before + 1500);
  });

  it("rejects a negative ms with 400 naming ms, and leaves the clock where it was", async () => {
    const before = (await harness.admin.clock()).nowMs;
    const { status, body } = await admin("post", "/clock/advance", "/clock/advance", { ms: -1 });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toMatch(/^ms must be a number of milliseconds .* got -1$/);
    expect((await harness.admin.clock()).nowMs).toBe(before);
  });

  it("rejects a field the document does not give advanceClock, naming it, and leaves the clock where it was", async () => {
    const before = (await harness.admin.clock()).nowMs;
    const { status, body } = await admin("post", "/clock/advance", "/clock/advance", { ms: 10, seconds: 1 });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe("unknown field seconds; the body takes ms");
    expect((await harness.admin.clock()).nowMs).toBe(before);
  });

  it("rejects a body that is not JSON with 400", async () => {
    const { status, body } = await admin("post", "/clock/advance", "/clock/advance", "{ms:");
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe("the body is not valid JSON; send a JSON object");
  });

  it("refuses to advance a clock that runs on real time, with 409", async () => {
    const realTime = await startMock({ stateful: true, log: () => undefined });
    try {
      const { status, body } = await documentedAdmin(
        realTime.adminUrl as string,
        "post",
        "/clock/advance",
        "/clock/advance",
        { ms: 10 },
      );
      expect(status).toBe(409);
      expect((body as { error: string }).error).toContain("start the mock with a manual clock");
    } finally {
      await realTime.stop();
    }
  });
});

describe("the admin API's reset", () => {
  it("forgets one account's calls and keeps the others'", async () => {
    const [gone, kept] = [freshAccount(), freshAccount()];
    await placeCall(gone);
    const keptSid = await placeCall(kept);
    expect((await admin("post", "/reset", "/reset", { accountSid: gone })).status).toBe(204);
    const state = (await admin("get", "/state", "/state")).body as { accounts: Array<{ accountSid: string }> };
    expect(state.accounts.map((a) => a.accountSid)).toEqual([kept]);
    expect((await harness.admin.timeline(kept, keptSid)).call.sid).toBe(keptSid);
  });

  it("rejects an accountSid that is not one, with 400, and forgets nothing", async () => {
    const accountSid = freshAccount();
    await placeCall(accountSid);
    const { status, body } = await admin("post", "/reset", "/reset", { accountSid: "AC-nope" });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe('accountSid must be AC and 32 hexadecimal digits, got "AC-nope"');
    expect((await harness.admin.state()).accounts).toHaveLength(1);
  });
});

describe("the admin API's call timeline", () => {
  it("shows a call with its scenario and transitions", async () => {
    const accountSid = freshAccount();
    const sid = await placeCall(accountSid);
    await harness.admin.advance(0);
    const path = `/accounts/${accountSid}/calls/${sid}`;
    const { status, body } = await admin("get", path, "/accounts/{AccountSid}/calls/{Sid}");
    expect(status).toBe(200);
    expect((body as { transitions: Array<{ to: string }> }).transitions.map((t) => t.to)).toEqual([
      "queued",
      "ringing",
    ]);
  });

  it("responds 404 for a call the account does not have", async () => {
    const path = `/accounts/${freshAccount()}/calls/CA0123456789abcdef0123456789abcdef`;
    expect((await admin("get", path, "/accounts/{AccountSid}/calls/{Sid}")).status).toBe(404);
  });
});

describe("the admin API's outcomes", () => {
  it("sets the outcome of a queued call", async () => {
    const accountSid = freshAccount();
    const sid = await placeCall(accountSid);
    const path = `/accounts/${accountSid}/calls/${sid}/outcome`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/calls/{Sid}/outcome", {
      outcome: "busy",
    });
    expect(status).toBe(200);
    expect((body as { scenario: { outcome: string } }).scenario.outcome).toBe("busy");
  });

  it("refuses to set the outcome of a call that is already ringing, with 409", async () => {
    const accountSid = freshAccount();
    const sid = await placeCall(accountSid);
    await harness.admin.advance(0);
    const path = `/accounts/${accountSid}/calls/${sid}/outcome`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/calls/{Sid}/outcome", {
      outcome: "busy",
    });
    expect(status).toBe(409);
    expect((body as { error: string }).error).toContain("only while it is queued");
  });

  it("rejects an outcome outside the list with 400 naming the field and the value", async () => {
    const accountSid = freshAccount();
    const sid = await placeCall(accountSid);
    const path = `/accounts/${accountSid}/calls/${sid}/outcome`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/calls/{Sid}/outcome", {
      outcome: "explode",
    });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe(
      'outcome must be one of completed, busy, no-answer, failed, got "explode"',
    );
    expect((await harness.admin.timeline(accountSid, sid)).scenario.outcome).toBe("completed");
  });

  it("sets the outcome of calls to a number, percent-encoded in the path", async () => {
    const path = `/accounts/${freshAccount()}/outcomes/${encodeURIComponent("+13105550000")}`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/outcomes/{To}", {
      outcome: "no-answer",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ to: "+13105550000", scenario: { outcome: "no-answer" } });
  });

  it("rejects a ringSeconds below 0 with 400 naming the field", async () => {
    const path = `/accounts/${freshAccount()}/outcomes/${encodeURIComponent("+13105550000")}`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/outcomes/{To}", { ringSeconds: -1 });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe(
      "ringSeconds must be a whole number of seconds from 0 to 86400, got -1",
    );
  });

  it("rejects a field an outcome does not have, naming it", async () => {
    const path = `/accounts/${freshAccount()}/outcomes/${encodeURIComponent("+13105550000")}`;
    const { status, body } = await admin("put", path, "/accounts/{AccountSid}/outcomes/{To}", { outcom: "busy" });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toContain("unknown field outcom");
  });
});

describe("the admin API's numbers", () => {
  const numberPath = (accountSid: string) => `/accounts/${accountSid}/numbers/${encodeURIComponent("+13105550000")}`;
  const documented = "/accounts/{AccountSid}/numbers/{PhoneNumber}";

  // A number that only takes texts: no voiceUrl (nor voiceMethod) is shown, and a call to it is refused.
  it("takes a number with an smsUrl and no voiceUrl, and refuses a call to it with 409", async () => {
    const accountSid = freshAccount();
    const { status, body } = await admin("put", numberPath(accountSid), documented, {
      smsUrl: "http://127.0.0.1:3000/sms",
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      phoneNumber: "+13105550000",
      voiceFallbackUrl: null,
      statusCallback: null,
      statusCallbackMethod: "POST",
      smsUrl: "http://127.0.0.1:3000/sms",
      smsMethod: "POST",
    });
    await admin("put", `/accounts/${accountSid}`, "/accounts/{AccountSid}", { authToken: AUTH_TOKEN });
    const call = await admin("post", `/accounts/${accountSid}/calls`, "/accounts/{AccountSid}/calls", {
      from: "+12125551234",
      to: "+13105550000",
    });
    expect(call.status).toBe(409);
    expect((call.body as { error: string }).error).toBe("+13105550000 has no voiceUrl");
  });

  it("refuses a number with neither a voiceUrl nor an smsUrl with 400 naming both", async () => {
    const { status, body } = await admin("put", numberPath(freshAccount()), documented, {
      statusCallback: "http://127.0.0.1:3000/status",
    });
    expect(status).toBe(400);
    expect((body as { error: string }).error).toMatch(/^voiceUrl or smsUrl is required: an absolute http\(s\) URL/);
  });
});

describe("the admin API's journal", () => {
  it("lists the requests the mock responded to, newest first, with no credential in them", async () => {
    const accountSid = freshAccount();
    await placeCall(accountSid);
    const { status, body } = await admin("get", `/journal?accountSid=${accountSid}`, "/journal");
    expect(status).toBe(200);
    const { requests } = body as { requests: Array<{ operationId: string; status: number }> };
    expect(requests.map((r) => [r.operationId, r.status])).toEqual([["createCall", 201]]);
    expect(JSON.stringify(body)).not.toContain(AUTH_TOKEN);
    expect(JSON.stringify(body).toLowerCase()).not.toContain("authorization");
  });

  it("keeps only the requests that broke a rule with violations=only", async () => {
    const accountSid = freshAccount();
    await placeCall(accountSid);
    await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls.json?PageSize=0`, {
      headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:${AUTH_TOKEN}`).toString("base64")}` },
    });
    const { body } = await admin("get", `/journal?accountSid=${accountSid}&violations=only`, "/journal");
    const { requests } = body as { requests: Array<{ operationId: string; violations: Array<{ field?: string }> }> };
    expect(requests.map((r) => r.operationId)).toEqual(["listCalls"]);
    expect(requests[0]?.violations[0]).toMatchObject({ field: "PageSize" });
  });

  it("rejects a violations filter outside only and none with 400", async () => {
    const { status, body } = await admin("get", "/journal?violations=some", "/journal");
    expect(status).toBe(400);
    expect((body as { error: string }).error).toBe('violations must be only or none, got "some"');
  });

  it("rejects a query parameter it does not take, naming it", async () => {
    const { status, body } = await admin("get", "/journal?acount=1", "/journal");
    expect(status).toBe(400);
    expect((body as { error: string }).error).toContain("unknown query parameter acount");
  });
});

/** The event stream, read as it comes: `readUntil` waits for what it has read so far to match. */
async function watchEvents() {
  const controller = new AbortController();
  const response = await fetch(`${harness.mock.adminUrl}/events`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${pattern}: ${text}`);
      text += Buffer.from(value).toString("utf8");
    }
  };
  return { response, controller, readUntil };
}

describe("the admin API's event stream", () => {
  it("says hello with the clock, then streams a call's transition", async () => {
    const { response, controller, readUntil } = await watchEvents();
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    try {
      await readUntil(/event: hello\ndata: \{.*"mode":"manual"/);
      const sid = await placeCall(freshAccount());
      await readUntil(new RegExp(`event: call\\ndata: \\{"sid":"${sid}"`));
    } finally {
      controller.abort();
    }
  });

  it("streams the faults in place when one is added and when they are deleted", async () => {
    const { controller, readUntil } = await watchEvents();
    try {
      await readUntil(/event: hello\n/);
      const fault = await harness.admin.addFault({ kind: "rate-limit", match: { accountSid: freshAccount() } });
      await readUntil(new RegExp(`event: faults\\ndata: \\{"faults":\\[\\{"id":"${fault.id}"`));
      await harness.admin.clearFaults();
      await readUntil(/event: faults\ndata: \{"faults":\[\]\}/);
    } finally {
      controller.abort();
    }
  });

  it("lets a watcher go once it disconnects", async () => {
    const hub = statefulInternals(harness.mock).hub;
    const controller = new AbortController();
    const response = await fetch(`${harness.mock.adminUrl}/events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(hub.size).toBe(1));
    controller.abort();
    await vi.waitFor(() => expect(hub.size).toBe(0));
  });
});

describe("the typed admin client", () => {
  it("throws a MockAdminError with the mock's own message and status", async () => {
    const error = await harness.admin.advance(-5).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MockAdminError);
    expect(error).toMatchObject({
      status: 400,
      message: "mock admin advanceClock: ms must be a number of milliseconds from 0 to 31536000000, got -5",
    });
  });
});

describe("the admin prefix", () => {
  it("responds 404 with a JSON error for a route it does not have", async () => {
    const response = await fetch(`${harness.mock.adminUrl}/clocks`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "no admin route GET /api/clocks; see openapi/mock-admin.yaml",
    });
  });

  it("is not served by the stateless mock, which responds to it as Twilio would an unknown path", async () => {
    const stateless = await startMock({ log: () => undefined });
    try {
      const response = await fetch(`${stateless.baseUrl}/__mock/api/clock`, {
        headers: { Authorization: AUTHORIZATION },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 20404 });
    } finally {
      await stateless.stop();
    }
  });
});
