// A recording too large to list is still reported whole: every outcome counted in the table and the totals, the
// failures listed while they fit, and the JUnit and JSON reports valid, saying how many outcomes they count but do
// not list one by one.
import { describe, expect, it } from "vitest";
import { jsonPieces, renderJson } from "../../src/verify/json-report.js";
import { renderJunit } from "../../src/verify/junit.js";
import { type ListingLimits, totals } from "../../src/verify/ledger.js";
import { replayEntries } from "../../src/verify/replay.js";
import { renderUnlisted } from "../../src/verify/report.js";
import { tokenize, type XmlAttribute } from "../../src/xml/index.js";
import { queuedCall } from "../support/fixtures.js";
import { made } from "../support/har.js";

// Seven outcomes each: a valid create passes all seven; a create without Url, whose response is not a Call, fails
// request-valid and response-schema and passes five.
const VALID = made({
  method: "POST",
  form: "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft",
  status: 201,
  json: queuedCall(),
});
const FAILING = made({
  method: "POST",
  form: "To=%2B13105555555&From=%2B12125551234",
  status: 201,
  json: { sid: "not a Call" },
});
const OTHER = made({ url: "https://api.twilio.invalid/favicon.ico", status: 404 });
const TRAFFIC = [...Array(20).fill(VALID), ...Array(10).fill(FAILING), OTHER, OTHER, OTHER];

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
}

/** The JUnit document as a tree, after checking it is well-formed XML. */
function parseXml(xml: string): Element {
  const root: Element = { name: "", attributes: {}, children: [] };
  const open = [root];
  const malformed: string[] = [];
  tokenize(xml.replace(/^<\?xml[^>]*\?>/, ""), {
    start(name: string, _: number, attributes: XmlAttribute[]) {
      const element = { name, attributes: Object.fromEntries(attributes.map((a) => [a.name, a.value])), children: [] };
      open.at(-1)?.children.push(element);
      open.push(element);
    },
    end: () => void open.pop(),
    text: () => undefined,
    malformed: (rule: string, offset: number) => void malformed.push(`${rule} at ${offset}`),
  });
  expect(malformed).toEqual([]);
  return root.children[0] as Element;
}

const replayed = (listing: ListingLimits) => replayEntries(TRAFFIC, { listing });

describe("a replay past its listing limits", () => {
  it("counts every outcome, lists the failures only, and says how many it does not list", () => {
    const result = replayed({ outcomes: 50, skipped: 1, characters: 1e9 });
    expect(totals(result.table)).toEqual({ passed: 190, failed: 20, warned: 0 });
    expect(result.outcomes).toHaveLength(20);
    expect(result.outcomes.every((o) => !o.passed)).toBe(true);
    expect(result.skipped).toHaveLength(1);
    expect(totals(result.unlisted?.table ?? [])).toEqual({ passed: 190, failed: 0, warned: 0 });
    expect(result.unlisted?.skipped).toEqual([{ operation: "(not the Calls API)", count: 2 }]);
    expect(renderUnlisted(result.unlisted!)).toMatch(/^not listed one by one: 190 passed, 0 failed and 0 warned/);
  });

  it("lists every outcome while they fit, as a live run does", () => {
    const result = replayed({ outcomes: 231, skipped: 3, characters: 1e9 });
    expect(result.outcomes).toHaveLength(210);
    expect(result.unlisted).toBeUndefined();
    expect(JSON.parse(renderJson(result, {})).unlisted).toBeUndefined();
  });

  it("lists the first failures that fit and counts the rest, by count and by the text they hold", () => {
    const byCount = replayed({ outcomes: 6, skipped: 3, characters: 1e9 });
    expect(byCount.outcomes.map((o) => o.subject)).toEqual(
      ["#21", "#21", "#22", "#22", "#23", "#23"].map((n) => `exchange ${n}`),
    );
    expect(totals(byCount.unlisted?.table ?? [])).toEqual({ passed: 190, failed: 14, warned: 0 });
    const oneFailure = byCount.outcomes[0]!;
    const size = [
      oneFailure.subject,
      oneFailure.request,
      oneFailure.expected,
      oneFailure.actual,
      ...oneFailure.details,
    ];
    const byText = replayed({ outcomes: 1000, skipped: 0, characters: size.join("").length });
    expect(byText.outcomes).toHaveLength(1);
    expect(renderUnlisted(byText.unlisted!)).toMatch(/19 failed.*\n.*\nFix the failures and warnings listed/);
  });

  it("writes a JSON report that parses and counts what it does not list", () => {
    const result = replayed({ outcomes: 10, skipped: 1, characters: 1e9 });
    const report = JSON.parse([...jsonPieces(result, { har: "traffic.har" }, { coverage: { percent: 1 } })].join(""));
    expect(report).toMatchObject({
      har: "traffic.har",
      passed: 190,
      failed: 20,
      warnings: 0,
      coverage: { percent: 1 },
    });
    expect(report.outcomes).toHaveLength(10);
    expect(report.table).toEqual(result.table);
    expect(report.unlisted).toMatchObject({ passed: 190, failed: 10, warnings: 0, skipped: 2 });
    expect(report.unlisted.limits).toEqual({ outcomes: 10, skipped: 1, characters: 1e9 });
    expect(report.unlisted.note).toMatch(/190 passed, 10 failed and 0 warned check\(s\), counted in the table/);
  });

  it("writes a JUnit report that is well-formed, with a case standing for each check's unlisted outcomes", () => {
    const result = replayed({ outcomes: 10, skipped: 1, characters: 1e9 });
    const suites = parseXml(renderJunit(result, 1));
    expect(suites.attributes).toMatchObject({ tests: "210", failures: "20" });
    const createCall = suites.children.find((s) => s.attributes.name === "createCall")!;
    expect(createCall.attributes).toMatchObject({ tests: "210", failures: "20", skipped: "0" });
    const cases = createCall.children;
    // Ten failures listed one by one, then one case per check and verdict for the rest, naming how many.
    expect(cases.filter((c) => /exchange #\d+$/.test(c.attributes.name!))).toHaveLength(10);
    const standing = (verdict: string) =>
      cases
        .map((c) => new RegExp(`^\\[[a-z-]+\\] (\\d+) ${verdict}, not listed$`).exec(c.attributes.name!))
        .reduce((sum, m) => sum + Number(m?.[1] ?? 0), 0);
    expect(standing("passed")).toBe(190);
    expect(standing("failed")).toBe(10);
    const failures = cases.flatMap((c) => c.children).filter((e) => e.name === "failure");
    expect(failures).toHaveLength(10 + 2);
    const other = suites.children.find((s) => s.attributes.name === "(not the Calls API)")!;
    expect(other.attributes).toMatchObject({ tests: "3", skipped: "3" });
    expect(other.children.map((c) => c.attributes.name)).toEqual(["exchange #31", "2 skipped request(s), not listed"]);
  });
});
