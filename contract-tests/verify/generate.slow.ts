// The measured run of issue 24: verify --generate against the faithful stateful mock finds nothing over 10,000
// generated cases across 10 seeds (1,000 each: coverage, fuzz and stateful phases).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { planRequests, runVerify } from "../../src/verify/index.js";

const second = { accountSid: "ACfedcba9876543210fedcba9876543210", authToken: "generate-slow-token-2" };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
});
afterAll(() => mock.stop());

describe("verify --generate against the faithful stateful mock", { timeout: 600_000 }, () => {
  it("finds no failure over 10,000 cases across 10 seeds", async () => {
    let generatedRequests = 0;
    const corpus = planRequests(mock.baseUrl).runnable.length;
    const failures: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      // An account of its own per seed: the manual clock keeps every created call live, and one account keeps 10,000.
      const accountSid = `AC${seed.toString(16).padStart(32, "0")}`;
      const result = await runVerify({
        baseUrl: mock.baseUrl,
        credentials: { accountSid, authToken: "generate-slow-token" },
        secondCredentials: second,
        // The mock is told both accounts' tokens, so that it refuses the wrong-token and cross-account steps.
        mockAdminUrl: mock.adminUrl as string,
        // A round of the stateful phase sends a few requests fewer than it is planned for: 1,050 gives 1,000 at least.
        generate: { seed, maxCases: 1050 },
      });
      // Every request sent draws one status-declared outcome; the fixed corpus comes first.
      generatedRequests += result.outcomes.filter((o) => o.check === "status-declared").length - corpus;
      for (const o of result.outcomes)
        if (!o.passed && o.severity === "error")
          failures.push(`seed ${seed}: [${o.check}] ${o.operation} ${o.subject}: ${o.actual}`);
    }
    expect(failures).toEqual([]);
    expect(generatedRequests).toBeGreaterThanOrEqual(10_000);
  });

  it("finds no failure when the mock's clock runs 1,000 times faster, so that calls move on during a sequence", async () => {
    const running = await startMock({ stateful: true, clock: { timeScale: 1000 }, log: () => undefined });
    try {
      const failures: string[] = [];
      for (let seed = 21; seed <= 23; seed++) {
        const result = await runVerify({
          baseUrl: running.baseUrl,
          credentials: { accountSid: `AC${seed.toString(16).padStart(32, "0")}`, authToken: "generate-slow-token" },
          secondCredentials: second,
          mockAdminUrl: running.adminUrl as string,
          generate: { seed, maxCases: 1000 },
        });
        for (const o of result.outcomes)
          if (!o.passed && o.severity === "error")
            failures.push(`seed ${seed}: [${o.check}] ${o.subject}: ${o.actual}`);
        expect(result.outcomes.some((o) => o.check === "update-follows-status")).toBe(true);
      }
      expect(failures).toEqual([]);
    } finally {
      await running.stop();
    }
  });
});
