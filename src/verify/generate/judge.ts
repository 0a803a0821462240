// The judge of a generated case: the project's own form reader and validators read the bytes that will be sent
// (path, query and form body, as the mock's front layer reads them), and their verdict is the case's expectation.
// A mutation that is still valid on the wire is sent as valid; an invalid one names the first rule it breaks.
import {
  type OperationId,
  operations,
  validateBody,
  validatePathParams,
  validateQuery,
} from "../../validation/index.js";
import type { RequestCase } from "../corpus.js";

export interface WireParts {
  operation: OperationId;
  path: { AccountSid: string; Sid: string };
  query?: string;
  body?: string;
}

export type Verdict =
  | { expect: "accept"; warns: Array<{ field: string; rule: string }> }
  | { expect: "reject"; breaks: { field: string; rule: string }; violations: number }
  | { expect: "skip"; reason: string };

/**
 * Twilio's test numbers (+15005550000 to +15005550009) draw set errors under test credentials
 * (https://www.twilio.com/docs/iam/test-credentials) whatever the spec says: no generated case uses them.
 */
const TEST_NUMBER = /^\+1500555000[0-9]$/;

export function judge(parts: WireParts): Verdict {
  const { operation } = parts;
  const manifest = operations[operation];
  const params: Record<string, string> = { AccountSid: parts.path.AccountSid };
  if (manifest.pathParams.includes("Sid")) params.Sid = parts.path.Sid;
  const results = [
    validatePathParams(operation, params),
    validateQuery(operation, new URLSearchParams(parts.query ?? "")),
  ];
  if (manifest.validators.body) {
    const body = validateBody(operation, parts.body ?? "");
    results.push(body);
    const fields = body.value as Record<string, unknown>;
    for (const key of ["To", "From"])
      if (typeof fields[key] === "string" && TEST_NUMBER.test(fields[key] as string))
        return { expect: "skip", reason: `${key} is one of Twilio's test numbers, whose answers are set` };
  }
  const violations = results.flatMap((r) => r.violations);
  const [first] = violations;
  if (first)
    return { expect: "reject", breaks: { field: first.field, rule: first.rule }, violations: violations.length };
  const warns = results.flatMap((r) => r.warnings).map((w) => ({ field: w.field, rule: w.rule }));
  return { expect: "accept", warns };
}

/** A generated case from its wire parts and the judge's verdict; undefined when it is not to be sent. */
export function judgedCase(parts: WireParts, name: string, phase: "coverage" | "fuzz"): RequestCase | undefined {
  const verdict = judge(parts);
  if (verdict.expect === "skip") return undefined;
  const path: RequestCase["path"] = operations[parts.operation].pathParams.includes("Sid")
    ? { Sid: parts.path.Sid }
    : {};
  const base = {
    name,
    operation: parts.operation,
    path,
    phase,
    wire: { ...(parts.query ? { query: parts.query } : {}), ...(parts.body !== undefined ? { body: parts.body } : {}) },
  };
  return verdict.expect === "accept"
    ? { ...base, expect: "accept", ...(verdict.warns.length > 0 ? { warns: verdict.warns } : {}) }
    : { ...base, expect: "reject", breaks: verdict.breaks };
}
