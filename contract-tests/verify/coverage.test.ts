// Coverage: what some traffic exercised of the spec, along four lines, and the mean --min-coverage is held to.
import { describe, expect, it } from "vitest";
import { operations } from "../../src/validation/index.js";
import { CoverageCounter, renderCoverage } from "../../src/verify/coverage.js";
import { completedCall, queuedCall } from "../support/fixtures.js";

// The five current operations; the retired ones (createLegacyCall, createSmsMessage) are not counted.
const CURRENT = ["createCall", "listCalls", "fetchCall", "updateCall", "deleteCall"] as const;
const manifests: Array<{ queryFields?: object; bodyFields?: object; validators: { responses: object } }> = CURRENT.map(
  (id) => operations[id],
);
const declaredParams = manifests.reduce(
  (n, m) => n + Object.keys(m.queryFields ?? {}).length + Object.keys(m.bodyFields ?? {}).length,
  0,
);
const declaredStatuses = manifests.reduce((n, m) => n + Object.keys(m.validators.responses).length, 0);

describe("coverage", () => {
  it("counts operations, parameters, enum values and status codes the traffic used, each once", () => {
    const counter = new CoverageCounter();
    const create: Array<[string, string]> = [
      ["To", "+13105555555"],
      ["From", "+12125551234"],
      ["Url", "https://example.com/t"],
      ["StatusCallbackEvent", "initiated"],
      ["StatusCallbackEvent", "completed"],
      ["MachineDetection", "Enable"],
    ];
    counter.add({ operation: "createCall", params: create, status: 201, body: queuedCall() });
    counter.add({ operation: "createCall", params: create, status: 201, body: queuedCall() });
    counter.add({
      operation: "createCall",
      params: [
        ["Bogus", "1"],
        ["MachineDetection", "enable"],
      ],
      status: 400,
    });
    counter.add({
      operation: "listCalls",
      params: [["Status", "completed"]],
      status: 200,
      body: { calls: [completedCall(), { ...completedCall(), direction: "inbound" }] },
    });
    counter.add({ operation: "fetchCall", params: [], status: 599 });
    const coverage = counter.result();
    expect(coverage.operations).toEqual({ seen: 3, declared: 5 });
    // To, From, Url, StatusCallbackEvent, MachineDetection of createCall and Status of listCalls; not Bogus.
    expect(coverage.parameters).toEqual({ seen: 6, declared: declaredParams });
    // 599 is not declared for fetchCall, so it covers nothing.
    expect(coverage.statusCodes).toEqual({ seen: 3, declared: declaredStatuses });
    expect(coverage.missing.enumValues).not.toContain("createCall StatusCallbackEvent=initiated");
    expect(coverage.missing.enumValues).toContain("createCall StatusCallbackEvent=ringing");
    expect(coverage.missing.enumValues).toContain("createCall MachineDetection=DetectMessageEnd");
    const seenValues = [
      "createCall StatusCallbackEvent=initiated",
      "createCall StatusCallbackEvent=completed",
      "createCall MachineDetection=Enable",
      "listCalls Status=completed",
      "Call status=queued",
      "Call status=completed",
      "Call direction=outbound-api",
      "Call direction=inbound",
      "Call answered_by=human",
    ];
    expect(coverage.enumValues.seen).toBe(seenValues.length);
    for (const value of seenValues) expect(coverage.missing.enumValues).not.toContain(value);
    expect(coverage.enumValues.declared).toBe(coverage.enumValues.seen + coverage.missing.enumValues.length);
    expect(coverage.missing.operations).toEqual(["updateCall", "deleteCall"]);
    const shares = [coverage.operations, coverage.parameters, coverage.enumValues, coverage.statusCodes];
    const mean = (100 * shares.reduce((sum, s) => sum + s.seen / s.declared, 0)) / 4;
    expect(coverage.percent).toBeCloseTo(mean, 10);
  });

  it("is zero for no traffic, and prints the four shares and their mean", () => {
    const coverage = new CoverageCounter().result();
    expect(coverage.percent).toBe(0);
    const table = renderCoverage(coverage);
    expect(table).toMatch(/^coverage\s+seen\s+declared\s+share$/m);
    expect(table).toMatch(/^operations\s+0\s+5\s+0%$/m);
    expect(table).toMatch(/^mean\s+0\.0%$/m);
  });

  it("leaves the retired operations out: an SMS send or a 2008 create counts nothing", () => {
    const counter = new CoverageCounter();
    counter.add({ operation: "createSmsMessage", params: [["To", "+13105555555"]], status: 201 });
    counter.add({ operation: "createLegacyCall", params: [["Caller", "4155551212"]], status: 200 });
    const coverage = counter.result();
    expect([coverage.operations, coverage.parameters.seen, coverage.statusCodes.seen]).toEqual([
      { seen: 0, declared: 5 },
      0,
      0,
    ]);
    expect(coverage.missing.operations).not.toContain("createSmsMessage");
  });
});
