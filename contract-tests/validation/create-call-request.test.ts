// The createCall rules that Twilio states only in prose, as ok/fail pairs against the compiled spec.
import { describe, expect, it } from "vitest";
import { type Violation, validateCreateCallRequest } from "../../src/validation/index.js";

const base = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

function rulesBroken(form: Record<string, unknown>): Array<Pick<Violation, "field" | "rule">> {
  return validateCreateCallRequest(form).violations.map(({ field, rule }) => ({ field, rule }));
}

describe("createCall request body", () => {
  it("accepts a phone-to-phone call with a TwiML Url", () => {
    expect(rulesBroken(base)).toEqual([]);
  });

  it("rejects a call with none of Url, Twiml and ApplicationSid", () => {
    expect(rulesBroken({ To: base.To, From: base.From })).toEqual([
      { field: "Url|Twiml|ApplicationSid", rule: "anyOf" },
    ]);
  });

  it.each([
    ["Twiml", { Twiml: "<Response/>" }],
    ["ApplicationSid", { ApplicationSid: "AP0123456789abcdef0123456789abcdef" }],
  ])("accepts %s in place of Url", (_, instructions) => {
    expect(rulesBroken({ To: base.To, From: base.From, ...instructions })).toEqual([]);
  });

  it("accepts a Client identity called from a phone number", () => {
    expect(rulesBroken({ ...base, To: "client:joey" })).toEqual([]);
  });

  it("rejects a phone number called from a Client identity", () => {
    expect(rulesBroken({ ...base, From: "client:charlie" })).toEqual([{ field: "From", rule: "pattern" }]);
  });

  it("accepts a SIP address called from a Client identity", () => {
    expect(rulesBroken({ ...base, To: "sip:pat@example.com", From: "client:charlie" })).toEqual([]);
  });

  it("rejects a missing To", () => {
    expect(rulesBroken({ From: base.From, Url: base.Url })).toEqual([{ field: "To", rule: "required" }]);
  });

  it("accepts a Timeout of 600 and rejects 601", () => {
    expect(rulesBroken({ ...base, Timeout: "600" })).toEqual([]);
    expect(rulesBroken({ ...base, Timeout: "601" })).toEqual([{ field: "Timeout", rule: "maximum" }]);
  });

  it("accepts 32 SendDigits and rejects 33", () => {
    expect(rulesBroken({ ...base, SendDigits: "w".repeat(8) + "1234#*".repeat(4) })).toEqual([]);
    expect(rulesBroken({ ...base, SendDigits: "1".repeat(33) })).toEqual([{ field: "SendDigits", rule: "maxLength" }]);
  });

  it("rejects an ApplicationSid of 33 characters", () => {
    const violations = rulesBroken({
      To: base.To,
      From: base.From,
      ApplicationSid: "AP0123456789abcdef0123456789abcde",
    });
    expect(violations).toContainEqual({ field: "ApplicationSid", rule: "minLength" });
  });

  it("rejects the StatusCallbackEvent queued", () => {
    expect(rulesBroken({ ...base, StatusCallbackEvent: ["initiated", "queued"] })).toEqual([
      { field: "StatusCallbackEvent[1]", rule: "pattern" },
    ]);
  });

  it("reads repeated keys of form text as one array", () => {
    const form =
      "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft&StatusCallbackEvent=initiated&StatusCallbackEvent=completed";
    const result = validateCreateCallRequest(form);
    expect(result.violations).toEqual([]);
    expect(result.value).toMatchObject({ StatusCallbackEvent: ["initiated", "completed"] });
  });
});
