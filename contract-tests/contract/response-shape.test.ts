// Check "response shape": what the mock responds with validates against the spec, with no extra keys anywhere.
// Static examples for every declared status through the running Prism; generated data from Prism's engine
// with fixed seeds (so a failure names a seed that repeats it).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type OperationId, operations, validateResponse } from "../../src/validation/index.js";
import { caseTarget } from "../../src/verify/http.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";
import { createPrismEngine, type EngineSample } from "../support/prism-engine.js";

const validBodies: Partial<Record<OperationId, Record<string, string>>> = {
  createCall: { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" },
  updateCall: { Status: "completed" },
  createSmsMessage: { To: "+13105550162", From: "+12125550198", Body: "Your table is ready." },
};

// Prism cannot serve the 2008-08-01 create's XML (it checks the example text as an object and responds 500; see
// contract-tests/mock/legacy.test.ts); its examples are read in spec/examples.test.ts and its responses from the
// mock in mock/legacy.test.ts.
const declared = Object.values(operations)
  .filter((op) => !("xmlResponses" in op))
  .flatMap((op) =>
    Object.entries(op.validators.responses).map(([status, validator]) => ({
      operation: op.operationId,
      status: Number(status),
      hasBody: validator !== null,
    })),
  );

function request(operation: OperationId) {
  const body = validBodies[operation];
  return {
    method: operations[operation].method,
    path: caseTarget({ name: "", operation, expect: "accept" }, ACCOUNT_SID),
    body,
    headers: { authorization: AUTHORIZATION, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
  };
}

describe("check response-shape: static examples through Prism", () => {
  it.each(declared.map((d) => [`${d.operation} ${d.status}`, d] as const))("%s validates", async (_, d) => {
    const r = request(d.operation);
    const response = await fetch(`${inject("prismUrl")}${r.path}`, {
      method: r.method,
      headers: { ...r.headers, Prefer: `code=${d.status}` },
      body: r.body ? new URLSearchParams(r.body) : undefined,
    });
    expect(response.status).toBe(d.status);
    const text = await response.text();
    const result = validateResponse(d.operation, d.status, d.hasBody ? JSON.parse(text) : text);
    expect(result.violations.map((v) => v.message)).toEqual([]);
  });
});

describe("check response-shape: generated data, fixed seeds", () => {
  let respond: Awaited<ReturnType<typeof createPrismEngine>>;
  beforeAll(async () => {
    respond = await createPrismEngine();
  });

  const SEEDS_PER_RESPONSE = 25;
  const withBodies = declared.filter((d) => d.hasBody);

  it(`validates ${SEEDS_PER_RESPONSE} seeds for each of the ${withBodies.length} declared JSON responses`, async () => {
    const failures: string[] = [];
    let samples = 0;
    for (const d of withBodies) {
      for (let seed = 1; seed <= SEEDS_PER_RESPONSE; seed++) {
        const sample: EngineSample = await respond(request(d.operation), `calls-${seed}`, d.status);
        samples += 1;
        const result = validateResponse(d.operation, sample.statusCode, sample.body);
        if (!result.valid)
          failures.push(
            `${d.operation} ${d.status} seed calls-${seed}: ${result.violations.map((v) => v.message).join("; ")}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(samples).toBeGreaterThanOrEqual(200);
  });

  it("draws different data for different seeds and the same data for the same seed", async () => {
    const r = request("fetchCall");
    const [a, b, again] = await Promise.all([respond(r, "calls-1"), respond(r, "calls-2"), respond(r, "calls-1")]);
    expect(a.body).not.toEqual(b.body);
    expect(again.body).toEqual(a.body);
  });

  it("notices a generated Call whose status is outside the enum", async () => {
    const sample = await respond(request("fetchCall"), "calls-1");
    expect(validateResponse("fetchCall", 200, sample.body).valid).toBe(true);
    const broken = { ...(sample.body as object), status: "answered" };
    expect(validateResponse("fetchCall", 200, broken).violations.map((v) => [v.field, v.rule])).toEqual([
      ["status", "enum"],
    ]);
  });
});
