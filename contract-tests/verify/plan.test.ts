// Which requests verify sends: writes only to loopback unless --allow-writes says otherwise.
import { describe, expect, it } from "vitest";
import { planRequests } from "../../src/verify/index.js";

describe("verify's request plan", () => {
  it("plans no request that could place or change a call on a server that is not on loopback", () => {
    const remote = planRequests("https://staging.example.com");
    expect(new Set(remote.runnable.map((r) => r.testCase.operation))).toEqual(
      new Set(["listCalls", "fetchCall", "listCallsXml", "fetchCallXml"]),
    );
    expect(remote.skipped.length).toBeGreaterThan(0);
    expect(planRequests("https://staging.example.com", true).skipped).toEqual([]);
    expect(planRequests("http://127.0.0.1:4010").skipped).toEqual([]);
  });
});
