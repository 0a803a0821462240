// validateResponse on the XML representation of the 2010-04-01 resources: a list's paging read from attributes,
// its calls from repeated elements, every finding named as in JSON and placed by line, column and path.
import { describe, expect, it } from "vitest";
import spec from "../../generated/calls.bundled.json" with { type: "json" };
import { validateResponse } from "../../src/index.js";

const page = spec.components.examples.FirstPageOfCallsXml.value;
const call = spec.components.examples.CompletedCallXml.value;
const findings = (r: { violations: Array<{ field: string; rule: string }>; warnings: typeof r.violations }) => [
  ...r.violations.map((v) => `error ${v.field} ${v.rule}`),
  ...r.warnings.map((v) => `warning ${v.field} ${v.rule}`),
];

describe("a page of calls in XML", () => {
  it("reads the paging attributes as the schema's types and each <Call> as an entry", () => {
    const result = validateResponse("listCallsXml", 200, page);
    expect(findings(result)).toEqual([]);
    const calls = (result.value as { Calls: Record<string, unknown> & { Call: Array<{ Sid: string }> } }).Calls;
    expect(calls).toMatchObject({ page: 0, pagesize: 2, start: 0, end: 1, previouspageuri: null });
    expect(calls.Call.map((c) => c.Sid)).toEqual([
      "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
      "CA1b2c3d4e5f60718293a4b5c6d7e8f901",
    ]);
  });

  it("reads a page with no call as an empty list", () => {
    const empty = page.replace(/<Call>[\s\S]*<\/Call>/, "");
    const result = validateResponse("listCallsXml", 200, empty);
    expect(findings(result)).toEqual([]);
    expect((result.value as { Calls: { Call: unknown[] } }).Calls.Call).toEqual([]);
  });

  it("names a finding inside the second <Call> by its index, with the element's place", () => {
    const broken = page.replace("<Status>no-answer</Status>", "<Status>answered</Status>");
    const [found] = validateResponse("listCallsXml", 200, broken).violations;
    expect(found).toMatchObject({
      field: "Calls.Call[1].Status",
      rule: "enum",
      path: "TwilioResponse/Calls/Call/Status",
    });
    expect(found?.line).toBe(broken.split("\n").findIndex((l) => l.includes("answered</Status>")) + 1);
  });

  it("refuses a paging attribute that breaks its rule, and warns on one it does not know", () => {
    const odd = page.replace('pagesize="2"', 'pagesize="0" numpages="3"');
    expect(findings(validateResponse("listCallsXml", 200, odd))).toEqual([
      "error Calls.pagesize minimum",
      "warning Calls.numpages undocumented-field",
    ]);
  });

  it("refuses a page without its paging", () => {
    const bare = page.replace(/<Calls [^>]*>/, "<Calls>");
    const errors = validateResponse("listCallsXml", 200, bare).violations.map((v) => `${v.field} ${v.rule}`);
    expect(errors).toContain("Calls.firstpageuri required");
    expect(errors).toContain("Calls.page required");
  });
});

describe("one call in XML", () => {
  it("refuses the JSON link of a call, and a link with .json", () => {
    const withExtension = call.replace(/(<Uri>[^<]*)<\/Uri>/, "$1.json</Uri>");
    expect(findings(validateResponse("fetchCallXml", 200, withExtension))).toEqual(["error Call.Uri pattern"]);
  });

  it("warns on an element Twilio added later that a recording lacks, and on one the contract does not know", () => {
    const older = call.replace(/<TrunkSid\/>/, "").replace("<Annotation/>", "<Annotation/><FormattedTo/>");
    expect(findings(validateResponse("fetchCallXml", 200, older))).toEqual([
      "warning Call.TrunkSid added-later",
      "warning Call.FormattedTo undocumented-field",
    ]);
  });

  it("reads an XML error of the 2010-04-01 API with its four elements", () => {
    const error =
      "<TwilioResponse><RestException><Code>20404</Code><Message>The requested resource was not found</Message>" +
      "<MoreInfo>http://www.twilio.com/docs/errors/20404</MoreInfo><Status>404</Status></RestException></TwilioResponse>";
    expect(findings(validateResponse("fetchCallXml", 404, error))).toEqual([]);
    const noCode = error.replace("<Code>20404</Code>", "");
    expect(findings(validateResponse("fetchCallXml", 404, noCode))).toEqual(["error RestException.Code required"]);
  });
});
