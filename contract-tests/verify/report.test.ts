// The reports CI reads: every request that was not checked shows in the JUnit file, even when its whole
// operation went unchecked, and the JSON report says where the outcomes came from.
import { describe, expect, it } from "vitest";
import { requestOutcomes } from "../../src/verify/checks.js";
import { renderJson } from "../../src/verify/json-report.js";
import { renderJunit } from "../../src/verify/junit.js";
import type { CheckedResult as VerifyResult } from "../../src/verify/ledger.js";

const subject = { operation: "createCall", subject: "exchange #1", request: "POST /x" };

describe("verify reports", () => {
  it("gives an operation whose every request was skipped its own suite of skipped cases", () => {
    const result: VerifyResult = {
      outcomes: requestOutcomes(subject, { violations: [], warnings: [] }),
      skipped: [{ operation: "deleteCall", subject: "rejects a bad Sid", reason: "not sent: writes" }],
    };
    const junit = renderJunit(result, 1);
    expect(junit).toMatch(/<testsuite name="deleteCall" tests="1" failures="0" skipped="1">/);
    expect(junit).toContain('<skipped message="not sent: writes"/>');
  });

  it("names the suite as asked and counts a request-advisory warning apart from errors", () => {
    const warning = {
      severity: "warning" as const,
      operation: "createCall",
      location: "body" as const,
      field: "To",
      rule: "e164",
      expected: "an E.164 number",
      value: "+1 801-664-0964",
      message: "createCall body: To breaks e164 (warning)",
    };
    const result: VerifyResult = {
      outcomes: requestOutcomes(subject, { violations: [], warnings: [warning] }),
      skipped: [],
    };
    expect(renderJunit(result, 1, false, "calls-contract proxy")).toMatch(/<testsuites name="calls-contract proxy"/);
    const report = JSON.parse(renderJson(result, { har: "traffic.har" }, { coverage: { percent: 10 } }));
    expect(report).toMatchObject({ har: "traffic.har", passed: 1, failed: 0, warnings: 1, coverage: { percent: 10 } });
    expect(report.outcomes[1]).toMatchObject({ check: "request-advisory", severity: "warning", passed: false });
    expect(report.outcomes[1].details).toEqual(['To breaks e164: an E.164 number, got "+1 801-664-0964"']);
  });
});
