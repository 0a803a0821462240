// Check "request shape": every corpus request through ajv, through Prism alone and through the mock.
// ajv is the contract. Prism must agree with it except where it is known not to (each such case says why);
// the mock, which adds the project's front layer to Prism, must agree everywhere.
import { describe, expect, it } from "vitest";
import {
  operations,
  validateBody,
  validatePathParams,
  validateQuery,
  validateResponse,
  validateTwilioError,
} from "../../src/validation/index.js";
import { type RequestCase, requestCorpus, VALID_CALL_SID } from "../../src/verify/corpus.js";
import { toMock, toPrism } from "../support/exchange.js";
import { ACCOUNT_SID } from "../support/fixtures.js";

function ajvResults(c: RequestCase) {
  const manifest = operations[c.operation];
  const path = {
    AccountSid: ACCOUNT_SID,
    ...(manifest.pathParams.includes("Sid") ? { Sid: VALID_CALL_SID } : {}),
    ...c.path,
  };
  return [
    validatePathParams(c.operation, path),
    validateQuery(c.operation, new URLSearchParams(c.query ?? [])),
    ...(c.body ? [validateBody(c.operation, new URLSearchParams(c.body))] : []),
  ];
}
const ajvViolations = (c: RequestCase) => ajvResults(c).flatMap((r) => r.violations);
const ajvWarnings = (c: RequestCase) => ajvResults(c).flatMap((r) => r.warnings);

const title = (c: RequestCase) => `${c.operation} ${c.expect}s ${c.name}`;
const accepted = (c: RequestCase) => [operations[c.operation].successStatus];

describe("check request-shape: ajv", () => {
  it.each(requestCorpus.map((c) => [title(c), c] as const))("%s", (_, c) => {
    const violations = ajvViolations(c);
    if (c.expect === "accept") {
      expect(violations.map((v) => v.message)).toEqual([]);
      expect(ajvWarnings(c).map(({ field, rule }) => ({ field, rule }))).toEqual(c.warns ?? []);
    } else {
      expect(violations.map(({ field, rule }) => ({ field, rule }))).toContainEqual(c.breaks);
    }
  });
});

// Prism cannot serve the 2008-08-01 create at all: it checks the XML example text against the object schema and
// responds 500 to every request (contract-tests/mock/legacy.test.ts shows it). The mock's own layer serves it.
const xmlOperation = (c: RequestCase) => operations[c.operation].xmlResponses !== undefined;

describe("check request-shape: Prism alone", () => {
  const agreed = requestCorpus.filter((c) => !c.prismGap && !xmlOperation(c));
  it.each(agreed.map((c) => [title(c), c] as const))("%s", async (_, c) => {
    const response = await toPrism(c);
    if (c.expect === "accept") {
      expect(
        accepted(c),
        `${title(c)}: expected ${accepted(c)}, got ${response.status} ${JSON.stringify(response.body)}`,
      ).toContain(response.status);
    } else {
      expect(response.status, `${title(c)}: expected 400`).toBe(400);
      expect(validateTwilioError(response.body).violations).toEqual([]);
    }
  });

  const gaps = requestCorpus.filter((c) => c.prismGap);
  it.each(gaps.map((c) => [`${title(c)} (known Prism gap: ${c.prismGap})`, c] as const))("%s", async (_, c) => {
    // Prism wrongly accepts these; ajv's verdict (above) counts. If Prism is fixed, this test says so.
    const response = await toPrism(c);
    expect(response.status, `Prism now rejects "${c.name}": drop its prismGap note`).toBe(
      operations[c.operation].successStatus,
    );
    expect(ajvViolations(c).length).toBeGreaterThan(0);
  });
});

describe("check request-shape: the mock", () => {
  it.each(requestCorpus.map((c) => [title(c), c] as const))("%s", async (_, c) => {
    const response = await toMock(c);
    if (c.expect === "accept") {
      expect(response.status, JSON.stringify(response.body)).toBe(operations[c.operation].successStatus);
      return;
    }
    expect(response.status).toBe(400);
    if (xmlOperation(c)) {
      // The 2008 API's errors are a <RestException>, whose Message names the field and the rule.
      expect(validateResponse(c.operation, 400, response.body).violations).toEqual([]);
      const rule = c.breaks?.rule === "required" ? "is required" : `breaks ${c.breaks?.rule}`;
      expect(String(response.body)).toContain(`<Message>${c.breaks?.field} ${rule}`);
      return;
    }
    expect(validateTwilioError(response.body).violations).toEqual([]);
    const details = (response.body as { details: { violations: Array<{ field: string; rule: string }> } }).details;
    expect(details.violations.map(({ field, rule }) => ({ field, rule }))).toContainEqual(c.breaks);
  });
});
