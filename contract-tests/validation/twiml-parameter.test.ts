// createCall's and updateCall's `Twiml` is read as a voice TwiML document (x-twiml in the spec). Twilio accepts
// the request whatever the document holds and fails the call when it runs it, so every finding is a warning of the
// request, named twiml-<rule>, with its line and element path; the request stays valid.
import { describe, expect, it } from "vitest";
import { validateCreateCallRequest, validateUpdateCallRequest } from "../../src/validation/index.js";
import { SEED_004_GATHER } from "../twiml/catalogue.js";

const create = (Twiml: string) => ({ To: "+13105555555", From: "+12125551234", Twiml });

describe("the Twiml parameter", () => {
  it("draws no warning for a well-formed voice document", () => {
    const result = validateCreateCallRequest(create("<Response><Say>Hello</Say><Hangup/></Response>"));
    expect(result.violations).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps the request valid and warns of seed 004's unclosed <Play>, at its line", () => {
    const result = validateCreateCallRequest(create(SEED_004_GATHER));
    expect(result.valid).toBe(true);
    expect(result.warnings[0]).toMatchObject({
      severity: "warning",
      operation: "createCall",
      location: "body",
      field: "Twiml",
      rule: "twiml-unclosed",
      line: 3,
      path: "Response/Gather[1]/Play[1]",
    });
    expect(result.warnings[0]?.message).toMatch(
      /^createCall body: Twiml breaks twiml-unclosed at line 3, column \d+ .*\(warning; Twilio takes the request and fails the call when it runs this TwiML\)$/,
    );
  });

  it("passes on a TwiML warning as a warning, without the consequence of an error", () => {
    const result = validateUpdateCallRequest({ Twiml: "<Response><Hangup/><Say>never heard</Say></Response>" });
    expect(result.warnings.map((w) => [w.operation, w.rule, w.path])).toEqual([
      ["updateCall", "twiml-unreachable", "Response/Say[1]"],
    ]);
    expect(result.warnings[0]?.message).toMatch(/ \(warning\)$/);
  });

  it("checks messaging verbs as voice TwiML: <Message> in a call's document is named", () => {
    const result = validateCreateCallRequest(create("<Response><Message>hi</Message></Response>"));
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.field)).toEqual(["Twiml"]);
    expect(result.warnings[0]?.rule).toMatch(/^twiml-/);
  });

  it("does not read a Twiml the schema refused: over 4000 characters is one error, no warning", () => {
    const result = validateCreateCallRequest(create(`<Response><Say>${"x".repeat(4000)}</Say></Response>`));
    expect(result.violations.map((v) => [v.field, v.rule])).toEqual([["Twiml", "maxLength"]]);
    expect(result.warnings).toEqual([]);
  });
});
