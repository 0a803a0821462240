// The retired APIs' own examples, from the seeds: each request is read by the validators and each 2008-08-01
// response by the XML reader, with neither an error nor a warning; a copy with one value broken fails, so the
// pairs show the check can fail.
import { describe, expect, it } from "vitest";
import { validateBody, validateLegacyCall } from "../../src/index.js";
import seeds from "../fixtures/legacy/seeds.json" with { type: "json" };

const findings = (r: { violations: { message: string }[]; warnings: { message: string }[] }) =>
  [...r.violations, ...r.warnings].map((v) => v.message);

describe("seed 003: the 2008-08-01 Calls API", () => {
  it("holds the three examples of the seed", () => {
    expect(seeds.calls2008.map((e) => e.id)).toEqual([
      "seed-003-example-1",
      "seed-003-example-2",
      "seed-003-example-3",
    ]);
  });

  it.each(seeds.calls2008.map((e) => [e.id, e] as const))("%s: the request validates", (_, entry) => {
    expect(findings(validateBody("createLegacyCall", entry.request.form))).toEqual([]);
  });

  it.each(seeds.calls2008.map((e) => [e.id, e] as const))("%s: the XML response parses and validates", (_, entry) => {
    const result = validateLegacyCall(entry.response);
    expect(findings(result)).toEqual([]);
    expect(result.value).toMatchObject({ Call: { Status: 0, Flags: 1, EndTime: null, Price: null } });
  });

  it("refuses the first example's request with SendDigits holding a letter", () => {
    const form = `${seeds.calls2008[0]?.request.form}&SendDigits=12a4`;
    expect(validateBody("createLegacyCall", form).violations.map((v) => [v.field, v.rule])).toEqual([
      ["SendDigits", "pattern"],
    ]);
  });

  it("refuses the first example's response with a Status of 6", () => {
    const xml = seeds.calls2008[0]?.response.replace("<Status>0</Status>", "<Status>6</Status>") as string;
    expect(validateLegacyCall(xml).violations.map((v) => [v.field, v.rule, v.line])).toEqual([
      ["Call.Status", "maximum", 9],
    ]);
  });
});

describe("seed 004: the SMS/Messages request", () => {
  const entry = seeds.sms[0] as (typeof seeds.sms)[number];

  it("validates as curl sends it", () => {
    expect(findings(validateBody("createSmsMessage", entry.request.form))).toEqual([]);
  });

  it("refuses it without its Body", () => {
    const form = entry.request.form.replace(/&Body=[^&]*/, "");
    expect(validateBody("createSmsMessage", form).violations.map((v) => [v.field, v.rule])).toEqual([
      ["Body", "required"],
    ]);
  });
});
