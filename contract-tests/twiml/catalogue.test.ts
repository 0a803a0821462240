// validateTwiml against a catalogue of good and bad documents, the seed documents, and the properties every
// finding must have (a line, a column and a path that point at the mistake).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TwimlVocabulary } from "../../scripts/twiml-vocabulary.js";
import { validateTwiml } from "../../src/index.js";
import { CATALOGUE, SEED_004_GATHER, SEED_004_SMS_REPLY } from "./catalogue.js";

const vocabulary = JSON.parse(
  readFileSync(new URL("../../generated/twiml-vocabulary.json", import.meta.url), "utf8"),
) as TwimlVocabulary;

const verdict = (findings: Array<{ path: string; rule: string }>) => findings.map((f) => `${f.path} ${f.rule}`);

describe("the TwiML catalogue", () => {
  it("holds at least 40 documents, good and bad", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(CATALOGUE.filter((e) => !e.errors?.length && !e.warnings?.length).length).toBeGreaterThan(10);
    expect(CATALOGUE.filter((e) => e.errors?.length).length).toBeGreaterThan(10);
  });

  it("uses every verb of voice and messaging TwiML at least once", () => {
    for (const kind of ["voice", "messaging"] as const) {
      const language = vocabulary[kind];
      const verbs = Object.keys(language.elements[language.root]?.children ?? {});
      const used = CATALOGUE.filter((e) => (e.kind ?? "voice") === kind).map((e) => e.xml);
      const missing = verbs.filter((verb) => !used.some((xml) => new RegExp(`<${verb}[\\s/>]`).test(xml)));
      expect(missing, `${kind} verbs no document uses`).toEqual([]);
    }
  });

  it.each(CATALOGUE.map((entry) => [entry.name, entry] as const))("%s", (_, entry) => {
    const result = validateTwiml(entry.xml, { kind: entry.kind ?? "voice" });
    const shown = JSON.stringify(
      [...result.violations, ...result.warnings].map((v) => v.message),
      null,
      2,
    );
    expect(verdict(result.violations), shown).toEqual(entry.errors ?? []);
    expect(verdict(result.warnings), shown).toEqual(entry.warnings ?? []);
    expect(result.valid).toBe((entry.errors ?? []).length === 0);
  });
});

describe("seed 004's Gather example", () => {
  it("is rejected with the unclosed <Play> named at its own line, not where </Gather> closes", () => {
    const result = validateTwiml(SEED_004_GATHER);
    expect(result.valid).toBe(false);
    const [first, second] = result.violations;
    expect(first).toMatchObject({ rule: "unclosed", line: 3, column: 9, path: "Response/Gather[1]/Play[1]" });
    expect(first?.message).toMatch(
      /^TwiML body: Twiml breaks unclosed at line 3, column 9 \(Response\/Gather\[1\]\/Play\[1\]\)/,
    );
    // The second <Play> on that line is the closing tag that lost its slash.
    expect(second).toMatchObject({ rule: "unclosed", line: 3, column: 26 });
    expect(second?.expected).toMatch(/probably meant as <\/Play>/);
    expect(result.violations).toHaveLength(2);
  });
});

describe("each finding", () => {
  it("points at the attribute, the text or the element at fault", () => {
    const xml = [
      "<Response>",
      '  <Gather numDigits="0">',
      "    <Say>hi</Say>",
      "  </Gather>",
      "  <Dial><Number>",
      "      ext. 555-0100",
      "  </Number></Dial>",
      "</Response>",
    ].join("\n");
    const { violations } = validateTwiml(xml);
    expect(violations.map((v) => [v.rule, v.line, v.column, v.path])).toEqual([
      ["minimum", 2, 11, "Response/Gather[1]"],
      ["phone", 6, 7, "Response/Dial[1]/Number[1]"],
    ]);
  });

  it("counts siblings of the same name from 1 in the path", () => {
    const xml = "<Response><Say>a</Say><Pause/><Say>b</Say><Gather><Say>c</Say><Play>x y</Play></Gather></Response>";
    expect(validateTwiml(xml).violations.map((v) => v.path)).toEqual(["Response/Gather[1]/Play[1]"]);
    const second = "<Response><Gather/><Gather><Play>a b</Play><Play>c d</Play></Gather></Response>";
    expect(validateTwiml(second).violations.map((v) => v.path)).toEqual([
      "Response/Gather[2]/Play[1]",
      "Response/Gather[2]/Play[2]",
    ]);
  });

  it("names the field Twiml and the operation the caller gives, so a request validator can merge them", () => {
    const { violations } = validateTwiml("<Response><Dial/></Response>", { operation: "createCall" });
    expect(violations[0]).toMatchObject({
      severity: "error",
      operation: "createCall",
      location: "body",
      field: "Twiml",
    });
    expect(violations[0]?.message).toMatch(/^createCall body: Twiml breaks required-content at line 1, column 11/);
  });

  it("suggests the name that was probably meant", () => {
    const [attribute] = validateTwiml('<Response><Gather numDigit="1"/></Response>').violations;
    expect(attribute?.expected).toMatch(/did you mean numDigits\?/);
    const [verb] = validateTwiml("<Response><say>hi</say></Response>").violations;
    expect(verb?.expected).toMatch(/did you mean Say\?/);
  });

  it("never shows a secret attribute's value", () => {
    const { violations } = validateTwiml(
      '<Response><Dial><Sip password="hunter2-secret" username="pat"/></Dial></Response>',
    );
    // A Sip without an address is still a Sip: no finding at all, and none could carry the password.
    expect(JSON.stringify(violations)).not.toContain("hunter2-secret");
  });
});

describe("bounded work on hostile documents", () => {
  it("shows a long value cut, with its length", () => {
    const url = `https://example.com/${"a b".repeat(100_000)}`;
    const [finding] = validateTwiml(`<Response><Play>${url}</Play></Response>`).violations;
    expect(finding?.rule).toBe("url");
    expect(finding?.value).toMatch(/^https:\/\/example\.com\/a ba b.*… \(300020 characters\)$/);
    expect(finding?.message.length).toBeLessThan(400);
  });

  it("stops checking past 64 levels of nesting and lists at most 100 errors", () => {
    const deep = `<Response>${"<Say>".repeat(5000)}${"</Say>".repeat(5000)}</Response>`;
    const result = validateTwiml(deep);
    expect(result.violations.filter((v) => v.rule === "depth")).toHaveLength(1);
    expect(result.violations.length).toBeLessThanOrEqual(101);
    const many = `<Response>${"<Bogus/>".repeat(5000)}</Response>`;
    const flood = validateTwiml(many).violations;
    expect(flood).toHaveLength(101);
    expect(flood.at(-1)?.rule).toBe("limit");
  });

  it("reads 50,000 stray closing tags under 50,000 open elements, and lists 100 errors", () => {
    const result = validateTwiml(`<Response>${"<Say>".repeat(50_000)}${"</Play>".repeat(50_000)}`);
    expect(result.violations).toHaveLength(101);
    expect(result.violations[0]).toMatchObject({ rule: "end-tag", value: "</Play>" });
  });

  it("lists at most 100 warnings too", () => {
    const { warnings } = validateTwiml(`<Response><Hangup/>${"<Pause/>".repeat(10_000)}</Response>`);
    expect(warnings).toHaveLength(101);
    expect(warnings.at(-1)).toMatchObject({ severity: "warning", rule: "limit" });
  });

  it("reads 100,000 misplaced elements with misspelt attributes, and 100,000 declarations", () => {
    const misplaced = validateTwiml(`<Response>${'<Dial><Sayy voic="x">a</Sayy></Dial>'.repeat(100_000)}</Response>`);
    expect(misplaced.violations).toHaveLength(101);
    expect(validateTwiml(`<Response>${"<!DOCTYPE a>".repeat(100_000)}</Response>`).violations).toHaveLength(101);
  });

  it("lists 100 unclosed elements of 100,000 nested ones, the outermost first", () => {
    const result = validateTwiml(`<Response>${"<Say>".repeat(100_000)}`);
    expect(result.violations).toHaveLength(101);
    expect(result.violations[1]).toMatchObject({ rule: "unclosed", column: 11, path: "Response/Say[1]" });
  });
});

describe("seed 004's reply to an incoming text", () => {
  it("runs as messaging TwiML with one legacy-sms warning and no error, its text and Redirect checked", () => {
    const result = validateTwiml(SEED_004_SMS_REPLY, { kind: "messaging" });
    expect(result.violations).toEqual([]);
    expect(result.warnings.map((w) => [w.rule, w.line, w.path])).toEqual([["legacy-sms", 2, "Response/Sms[1]"]]);
    expect(result.warnings[0]?.expected).toMatch(/<Message> instead of <Sms>/);
  });

  it("still refuses what <Sms> does not take, and <Sms> below the top", () => {
    const wrong = validateTwiml('<Response><Sms method="PUT">hi</Sms><Message><Sms>no</Sms></Message></Response>', {
      kind: "messaging",
    });
    expect(wrong.violations.map((v) => `${v.path} ${v.rule}`)).toEqual([
      "Response/Sms[1] enum",
      "Response/Message[1]/Sms[1] voice-verb",
    ]);
  });
});
