// Check "Twilio corpus" for issue 23's cited cases whose whole text is in hand (contract-tests/fixtures/twilio/
// eras.json): SMS/Messages bodies read by the SmsMessage schema, and TwiML documents by validateTwiml. Each verdict
// lists every error and warning, as the rest of the corpus does.
import { describe, expect, it } from "vitest";
import { validateTwiml } from "../../src/index.js";
import { validateResponse } from "../../src/validation/index.js";
import eras from "../fixtures/twilio/eras.json" with { type: "json" };

type Finding = { field: string; rule: string };
const pairs = (findings: Finding[]) => findings.map(({ field, rule }) => `${field} ${rule}`).sort();

describe("check Twilio corpus: eras", () => {
  it.each(eras.smsMessages.map((e) => [e.id, e] as const))("%s", (_, entry) => {
    expect(entry.source.commit).toMatch(/^[0-9a-f]{40}$/);
    const result = validateResponse("createSmsMessage", 201, entry.body);
    expect(pairs(result.violations)).toEqual([]);
    expect(pairs(result.warnings)).toEqual(pairs((entry.verdict as { warnings?: Finding[] }).warnings ?? []));
  });

  it.each(eras.twiml.map((e) => [e.id, e] as const))("%s", (_, entry) => {
    expect(entry.source.commit).toMatch(/^[0-9a-f]{40}$/);
    const result = validateTwiml(entry.xml, { kind: entry.kind as "voice" });
    const found = (list: typeof result.violations) => pairs(list.map((v) => ({ field: v.path, rule: v.rule })));
    expect(found(result.violations)).toEqual([]);
    expect(found(result.warnings)).toEqual(pairs(entry.verdict.warnings ?? []));
  });
});
