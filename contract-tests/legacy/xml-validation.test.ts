// XML responses are checked with the same named violations as JSON ones (operation, location, field, rule,
// expected, value, message), and each also says where: line, column and element path. Through the public exports.
import { describe, expect, it } from "vitest";
import { validateLegacyCall, validateLegacyError, validateResponse } from "../../src/index.js";

const call = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>
<TwilioResponse>
  <Call>
    <Sid>CA6b1e5a2f0c9d8e7f6a5b4c3d2e1f0a9b</Sid>
    <AccountSid>AC0123456789abcdef0123456789abcdef</AccountSid>
    <Called>6465550183</Called>
    <Caller>2125550147</Caller>
    <Status>1</Status>
    ${inner}
  </Call>
</TwilioResponse>`;
const ok = call("<Flags>2</Flags>");
const pairs = (r: { violations: { field: string; rule: string }[] }) => r.violations.map((v) => [v.field, v.rule]);

describe("a 2008-08-01 Call in XML", () => {
  it("accepts a well-formed response and reads integers as numbers", () => {
    const result = validateLegacyCall(ok);
    expect(result.violations).toEqual([]);
    expect(result.value).toMatchObject({ Call: { Status: 1, Flags: 2 } });
  });

  it("names a Flags above the three bits like a JSON violation, with its place", () => {
    const [found] = validateLegacyCall(call("<Flags>8</Flags>")).violations;
    expect(found).toEqual({
      severity: "error",
      operation: "createLegacyCall",
      location: "response",
      field: "Call.Flags",
      rule: "maximum",
      expected: "must be <= 7",
      value: 8,
      line: 9,
      column: 5,
      path: "TwilioResponse/Call/Flags",
      message:
        "createLegacyCall response: Call.Flags breaks maximum: must be <= 7, got 8 (line 9, column 5: TwilioResponse/Call/Flags)",
    });
  });

  it("reads an empty element as null", () => {
    const result = validateLegacyCall(call("<Flags>2</Flags><EndTime/><Price></Price>"));
    expect(result.violations).toEqual([]);
    expect(result.value).toMatchObject({ Call: { EndTime: null, Price: null } });
  });

  it("refuses an empty element where a value is required", () => {
    expect(pairs(validateLegacyCall(call("<Flags/>")))).toEqual([["Call.Flags", "type"]]);
  });

  it("refuses a Status that is not a whole number, showing the text sent", () => {
    const found = validateLegacyCall(ok.replace("<Status>1</Status>", "<Status>busy</Status>")).violations;
    expect(found.map((v) => [v.field, v.rule, v.value])).toEqual([["Call.Status", "type", "busy"]]);
  });

  it("refuses a missing required element, placed at its parent", () => {
    const found = validateLegacyCall(call("")).violations;
    expect(found.map((v) => [v.field, v.rule, v.path])).toEqual([["Call.Flags", "required", "TwilioResponse/Call"]]);
  });

  it("refuses an element given twice", () => {
    expect(pairs(validateLegacyCall(call("<Flags>2</Flags><Flags>2</Flags>")))).toEqual([
      ["Call.Flags", "single-value"],
    ]);
  });

  it("refuses child elements inside a value", () => {
    expect(pairs(validateLegacyCall(call("<Flags><Flag>2</Flag></Flags>")))).toEqual([
      ["Call.Flags", "text-content"],
      ["Call.Flags", "type"],
    ]);
  });

  it("warns about an element it does not know, without failing", () => {
    const result = validateLegacyCall(call("<Flags>2</Flags><Direction>outbound-api</Direction>"));
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => [w.field, w.rule, w.line])).toEqual([
      ["Call.Direction", "undocumented-field", 9],
    ]);
  });

  it("refuses a root other than TwilioResponse", () => {
    const found = validateLegacyCall("<xml><Call><Sid>CA1</Sid></Call></xml>").violations;
    expect(found.map((v) => [v.field, v.rule, v.value])).toEqual([["(body)", "root", "xml"]]);
  });

  it("names an unclosed element at its own start tag", () => {
    const found = validateLegacyCall(ok.replace("<Status>1</Status>", "<Status>1<Status>")).violations;
    expect(found.map((v) => [v.rule, v.line, v.path])).toContainEqual(["unclosed", 8, "TwilioResponse/Call/Status"]);
    expect(found.every((v) => v.field === "(body)")).toBe(true);
  });

  it("refuses a JSON object where XML text is expected", () => {
    expect(pairs(validateResponse("createLegacyCall", 201, { Call: {} }))).toEqual([["(body)", "type"]]);
  });
});

describe("a 2008-08-01 RestException in XML", () => {
  const error = (inner: string) => `<TwilioResponse><RestException>${inner}</RestException></TwilioResponse>`;

  it("accepts Twilio's missing-Called example shape", () => {
    const xml = error(
      "<Status>400</Status><Message>No called number is specified</Message><Code>21201</Code><MoreInfo>http://www.twilio.com/docs/errors/21201</MoreInfo>",
    );
    expect(validateLegacyError(xml).violations).toEqual([]);
  });

  it("refuses one without a Message", () => {
    expect(pairs(validateLegacyError(error("<Status>404</Status>")))).toEqual([["RestException.Message", "required"]]);
  });
});

describe("an XML response past the reader's bounds", () => {
  it("stops at 64 levels of nesting with one depth finding", () => {
    const deep = `<TwilioResponse>${"<a>".repeat(200)}${"</a>".repeat(200)}</TwilioResponse>`;
    const found = validateLegacyCall(deep).violations;
    expect(found.map((v) => v.rule)).toEqual(["depth"]);
  });

  it("reads 100,000 nested levels without overflowing the stack", () => {
    const deep = `<TwilioResponse>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</TwilioResponse>`;
    expect(validateLegacyCall(deep).violations.map((v) => v.rule)).toEqual(["depth"]);
  });

  it("lists 100 problems of a binary response and counts the rest", () => {
    const binary = "\u0001".repeat(5000);
    const found = validateLegacyCall(binary).violations;
    expect(found).toHaveLength(101);
    expect(found.at(-1)?.rule).toBe("limit");
    expect(found.at(-1)?.expected).toMatch(/\d+ more problems are not listed/);
  });

  it("lists every problem of a response with a few, and no limit finding", () => {
    const rules = validateLegacyCall("\u0001<TwilioResponse/>\u0002").violations.map((v) => v.rule);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    expect(rules.every((rule) => rule === "xml")).toBe(true);
  });
});
