// Check "properties": fast-check builds valid requests from the spec and mutations that break exactly one rule.
// ajv must accept every valid request and reject every broken one, naming the broken field and rule; a bounded
// sample goes through the mock (and so through Prism) as well. fast-check prints the seed of any failure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OperationId, operations, validateBody, validateQuery } from "../../src/validation/index.js";
import type { FormEntries, RequestCase } from "../../src/verify/corpus.js";
import { form } from "../../src/verify/corpus.js";
import { breakingValues, validText } from "../support/arbitraries.js";
import { toMock } from "../support/exchange.js";
import { requestFields, truthSpec } from "../support/spec.js";

const RUNS = 150;
const THROUGH_MOCK = 25;

/** Optional fields, each present or not, around the fields a request must have. */
function requestArbitrary(
  operationId: OperationId,
  skip: string[] = [],
): fc.Arbitrary<Record<string, string | string[]>> {
  const properties = requestFields(operationId);
  const optional = Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => !skip.includes(name))
      .map(([name, schema]) => [name, validText(schema)]),
  );
  return fc.record(optional, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | string[]>>;
}

// createCall: To/From pairs that satisfy the phone rule, and one of Url/Twiml/ApplicationSid.
const createCall = fc
  .tuple(
    requestArbitrary("createCall", ["To", "From", "Url", "Twiml", "ApplicationSid", "CallerId"]),
    fc.oneof(
      fc.tuple(
        validText({ $ref: "#/components/schemas/PhoneNumberInput" }),
        validText({ $ref: "#/components/schemas/PhoneNumberInput" }),
      ),
      fc.tuple(
        fc.oneof(
          validText({ $ref: "#/components/schemas/SipAddress" }),
          validText({ $ref: "#/components/schemas/ClientIdentifier" }),
        ),
        validText({ $ref: "#/components/schemas/Address" }),
      ),
    ),
    fc.oneof(
      validText({ $ref: "#/components/schemas/CallbackUrl" }).map((Url) => ({ Url })),
      fc.constant({ Twiml: "<Response><Hangup/></Response>" }),
      validText({ $ref: "#/components/schemas/ApplicationSid" }).map((ApplicationSid) => ({ ApplicationSid })),
    ),
  )
  .map(
    ([optional, [To, From], instructions]) =>
      ({ ...optional, To, From, ...instructions }) as Record<string, string | string[]>,
  );

const updateCall = requestArbitrary("updateCall").filter((r) => Object.keys(r).length > 0);
const listCalls = requestArbitrary("listCalls");

const generators: Array<[OperationId, fc.Arbitrary<Record<string, string | string[]>>]> = [
  ["createCall", createCall],
  ["updateCall", updateCall],
  ["listCalls", listCalls],
];

const check = (operation: OperationId, entries: FormEntries) =>
  operations[operation].validators.body ? validateBody(operation, entries) : validateQuery(operation, entries);

function mutated(operation: OperationId, valid: fc.Arbitrary<Record<string, string | string[]>>) {
  const properties = requestFields(operation);
  const truthFields = requestFields(operation, truthSpec);
  const breakable = Object.entries(properties).flatMap(([field, schema]) =>
    breakingValues(schema, truthFields[field]).map((m) => ({ field, ...m })),
  );
  return fc
    .tuple(valid, fc.constantFrom(...breakable))
    .map(([request, mutation]) => ({ request: { ...request, [mutation.field]: mutation.value! }, mutation }));
}

function asCase(operation: OperationId, entries: FormEntries, expectation: "accept" | "reject"): RequestCase {
  return {
    name: "generated",
    operation,
    expect: expectation,
    ...(operations[operation].validators.body ? { body: entries } : { query: entries }),
  };
}

describe("check properties", () => {
  for (const [operation, valid] of generators) {
    it(`ajv accepts every generated canonical ${operation} request, with no warning`, () => {
      fc.assert(
        fc.property(valid, (request) => {
          const result = check(operation, form(request));
          expect([...result.violations, ...result.warnings].map((v) => v.message)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });

    it(`ajv rejects every ${operation} request broken in one rule, naming that field and rule`, () => {
      fc.assert(
        fc.property(mutated(operation, valid), ({ request, mutation }) => {
          const violations = check(operation, form(request)).violations;
          const field = Array.isArray(mutation.value) ? `${mutation.field}[0]` : mutation.field;
          // One broken value may break two rules of the same field (From "sip:" under a phone To is neither an
          // address nor a phone number), but never touches another field.
          expect(new Set(violations.map((v) => v.field))).toEqual(new Set([field]));
          expect(violations.map((v) => v.rule)).toContain(mutation.rule);
        }),
        { numRuns: RUNS },
      );
    });

    it(`the mock agrees with ajv on a sample of ${THROUGH_MOCK} valid and ${THROUGH_MOCK} broken ${operation} requests`, async () => {
      await fc.assert(
        fc.asyncProperty(valid, async (request) => {
          const response = await toMock(asCase(operation, form(request), "accept"));
          expect(response.status, JSON.stringify(response.body)).toBe(operations[operation].successStatus);
        }),
        { numRuns: THROUGH_MOCK },
      );
      await fc.assert(
        fc.asyncProperty(mutated(operation, valid), async ({ request }) => {
          const response = await toMock(asCase(operation, form(request), "reject"));
          expect(response.status).toBe(400);
        }),
        { numRuns: THROUGH_MOCK },
      );
    });
  }
});
