// Recorded exchanges judged again: the request by the request validators, the response by verify's own checks, a
// callback by its webhook's schema; what is not the Calls API is listed as skipped.
import { describe, expect, it } from "vitest";
import spec from "../../generated/calls.bundled.json" with { type: "json" };
import { basicAuthHeader } from "../../src/basic-auth.js";
import { harEntry } from "../../src/har/entry.js";
import { replayEntries } from "../../src/verify/replay.js";
import { computeSignature } from "../../src/webhooks.js";
import { completedCall, queuedCall } from "../support/fixtures.js";
import { CALLS_URL, callUrl, made } from "../support/har.js";

const VALID_FORM = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";
const byCheck = (outcomes: ReturnType<typeof replayEntries>["outcomes"]) =>
  Object.fromEntries(outcomes.map((o) => [o.check, o]));

describe("replaying recorded exchanges", () => {
  it("passes a valid create and its queued call, on every check that applies", () => {
    const { outcomes, skipped } = replayEntries([
      made({ method: "POST", form: VALID_FORM, status: 201, json: queuedCall() }),
    ]);
    expect(skipped).toEqual([]);
    expect(outcomes.map((o) => [o.check, o.passed])).toEqual([
      ["request-valid", true],
      ["request-advisory", true],
      ["status-declared", true],
      ["response-schema", true],
      ["self-links", true],
      ["undocumented-field", true],
      ["advisory-rules", true],
    ]);
    expect(outcomes[0]).toMatchObject({ operation: "createCall", subject: "exchange #1", severity: "error" });
    expect(outcomes[0]?.request).toBe(`POST ${new URL(CALLS_URL).pathname}`);
  });

  it("judges an exchange with the XML representation as verify does: schema, links and drift", () => {
    const listXml = CALLS_URL.replace(/\.json$/, "");
    const page = spec.components.examples.FirstPageOfCallsXml.value;
    const fetched = spec.components.examples.CompletedCallXml.value
      .replace(/<QueueTime>[^<]*<\/QueueTime>/, "")
      .replace(/(<Uri>[^<]*\/Calls\/)CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b/, "$1CA00000000000000000000000000000000");
    const { outcomes, skipped, coverage } = replayEntries([
      made({ url: `${listXml}?PageSize=2`, xml: page }),
      made({ url: callUrl("CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b").replace(/\.json$/, ""), xml: fetched }),
    ]);
    expect(skipped).toEqual([]);
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.subject} ${o.operation} ${o.check}`)).toEqual([
      "exchange #2 fetchCallXml self-links",
      "exchange #2 fetchCallXml advisory-rules",
    ]);
    const byName = Object.fromEntries(outcomes.filter((o) => o.subject === "exchange #2").map((o) => [o.check, o]));
    expect(byName["self-links"]?.details[0]).toMatch(/Uri is \S+CA0{32}, not \S+CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b$/);
    expect(byName["advisory-rules"]?.details).toEqual([
      "Call.QueueTime breaks added-later: Twilio has sent queue_time and trunk_sid with the Call since 2020-02-19 " +
        "(twilio-python 6.35.5's changelog).",
    ]);
    // The XML representation counts for the operation it represents.
    expect(coverage.missing.operations).toEqual(["createCall", "updateCall", "deleteCall"]);
  });

  it("names every violation of a request: a repeated scalar, an unknown key, a value out of range", () => {
    const form = `${VALID_FORM}&Timeout=30&Timeout=31&StatusCallbackEvents=ringing&TimeLimit=0`;
    const { outcomes } = replayEntries([made({ method: "POST", form, status: 400, json: {} })]);
    const valid = byCheck(outcomes)["request-valid"];
    expect(valid?.passed).toBe(false);
    expect(valid?.details).toEqual([
      'Timeout breaks single-value: one value (the key was sent 2 times), got ["30","31"]',
      'StatusCallbackEvents breaks additionalProperties: a field createCall accepts (did you mean StatusCallbackEvent?), got "ringing"',
      "TimeLimit breaks minimum: must be >= 1, got 0",
    ]);
  });

  it("warns, without failing, on a request that breaks only an advisory rule", () => {
    const form = "To=%2B1+801-664-0964&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";
    const checks = byCheck(replayEntries([made({ method: "POST", form, status: 201, json: queuedCall() })]).outcomes);
    expect(checks["request-valid"]?.passed).toBe(true);
    expect(checks["request-advisory"]).toMatchObject({ passed: false, severity: "warning" });
    expect(checks["request-advisory"]?.details[0]).toMatch(/^To breaks e164/);
  });

  it("fails a body sent as JSON, and a body on an operation that takes none", () => {
    const json = made({ method: "POST", form: '{"To":"+13105555555"}', contentType: "application/json", status: 400 });
    const withBody = made({ method: "DELETE", url: callUrl(queuedCall().sid), form: "x=1", status: 204 });
    const [create, remove] = [json, withBody].map((e) => byCheck(replayEntries([e]).outcomes)["request-valid"]);
    expect(create?.details).toEqual([
      '(content-type) breaks content-type: a body sent as application/x-www-form-urlencoded, got "application/json"',
    ]);
    expect(remove?.details).toEqual(["(body) breaks no-body: no body (deleteCall takes none)"]);
  });

  it("judges the response as verify does: an undeclared status, a broken Call, links elsewhere", () => {
    const broken = { ...completedCall(), status: "answered", uri: "/2010-04-01/Accounts/ACx/Calls/CAy.json" };
    const entries = [
      made({ url: callUrl(completedCall().sid), status: 418, json: {} }),
      made({ url: callUrl(completedCall().sid), status: 200, json: broken }),
    ];
    const { outcomes } = replayEntries(entries);
    const failed = outcomes.filter((o) => !o.passed).map((o) => `${o.subject} ${o.check}`);
    expect(failed).toEqual(["exchange #1 status-declared", "exchange #2 response-schema", "exchange #2 self-links"]);
  });

  it("lists what is not the Calls API as skipped, with the reason", () => {
    const { outcomes, skipped } = replayEntries([
      made({ url: "https://cdn.example.invalid/app.js" }),
      made({ method: "PUT", url: CALLS_URL, form: VALID_FORM }),
    ]);
    expect(outcomes).toEqual([]);
    expect(skipped).toEqual([
      {
        operation: "(not the Calls API)",
        subject: "exchange #1",
        reason: "GET /app.js is not an operation of the Calls API",
      },
      {
        operation: "(not the Calls API)",
        subject: "exchange #2",
        reason: `the Calls API takes GET, POST on ${new URL(CALLS_URL).pathname}, not PUT`,
      },
    ]);
  });

  it("judges only the request of one the proxy refused, and reports an exchange that got no response", () => {
    const refused = made({ method: "POST", form: "To=x", status: 400, json: {}, notes: { blocked: true } });
    const silent = made({ status: 0, notes: { noResponse: "ECONNREFUSED" } });
    const { outcomes } = replayEntries([refused, silent]);
    expect(outcomes.filter((o) => o.subject === "exchange #1").map((o) => o.check)).toEqual([
      "request-valid",
      "request-advisory",
    ]);
    expect(outcomes.find((o) => o.subject === "exchange #2" && o.check === "status-declared")).toMatchObject({
      passed: false,
      actual: "no response (ECONNREFUSED)",
    });
  });

  it("still reads why there was no response under noAnswer, the note's name in files recorded before", () => {
    const { outcomes } = replayEntries([made({ status: 0, notes: { noAnswer: "ETIMEDOUT" } })]);
    expect(outcomes.find((o) => o.check === "status-declared")).toMatchObject({ actual: "no response (ETIMEDOUT)" });
  });

  it("takes the recorded verdict for a redacted field, whose value the HAR no longer has", () => {
    // Passports "[redacted]" breaks Passports' pattern; the value the proxy saw did not.
    const form = `${VALID_FORM}&Passports=%5Bredacted%5D&Timeout=601`;
    const notes = { redacted: { fields: ["Passports"], violations: [], warnings: [] } };
    const valid = byCheck(replayEntries([made({ method: "POST", form, status: 400, json: {}, notes })]).outcomes)[
      "request-valid"
    ];
    expect(valid?.details).toEqual(["Timeout breaks maximum: must be <= 600, got 601"]);
    const unannotated = made({ method: "POST", form, status: 400, json: {} });
    expect(byCheck(replayEntries([unannotated]).outcomes)["request-valid"]?.details).toHaveLength(2);
  });

  it("checks a callback's fields against its webhook, and reports the signature verdict recorded", () => {
    const fields = { CallSid: queuedCall().sid, AccountSid: queuedCall().account_sid, CallStatus: "answered" };
    const body = new URLSearchParams(fields).toString();
    const url = "https://hooks.example.invalid/callbacks/status?leg=a";
    const entry = harEntry(
      {
        method: "POST",
        url,
        rawHeaders: [
          "Content-Type",
          "application/x-www-form-urlencoded",
          "X-Twilio-Signature",
          computeSignature("t", url, body),
        ],
        body: Buffer.from(body),
      },
      { status: 204, statusText: "No Content", rawHeaders: [], body: Buffer.alloc(0) },
      { started: new Date(), waitMs: 1, receiveMs: 0 },
      { webhook: "statusCallback", signature: "mismatch" },
    );
    const { outcomes } = replayEntries([entry]);
    expect(outcomes.map((o) => [o.operation, o.check, o.passed])).toEqual([
      ["statusCallback", "callback-signature", false],
      ["statusCallback", "callback-schema", false],
    ]);
    expect(outcomes[1]?.details.join("\n")).toMatch(/CallStatus breaks enum.*got "answered"/);
  });

  it("reads a form that another tool recorded as text rather than params", () => {
    const entry = made({ method: "POST", form: `${VALID_FORM}&Timeout=0`, status: 400, json: {} });
    entry.request.postData = {
      mimeType: "application/x-www-form-urlencoded; charset=utf-8",
      text: `${VALID_FORM}&Timeout=0`,
    };
    entry.request.headers = [{ name: "Authorization", value: basicAuthHeader("AC1", "x") }];
    expect(byCheck(replayEntries([entry]).outcomes)["request-valid"]?.details).toEqual([
      "Timeout breaks minimum: must be >= 1, got 0",
    ]);
  });
});
