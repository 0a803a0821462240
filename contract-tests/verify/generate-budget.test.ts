// verify --generate's budget: the generated phases send at most `maxCases` requests, the form cases in every run,
// and the stateful phase only when a whole round of it fits (else it is listed as skipped, with why). Requests are
// counted where they arrive: at a server in front of the stateful mock that passes every request on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { MOST_SHRUNK } from "../../src/verify/generate/findings.js";
import { leastMaxCases } from "../../src/verify/generate/run.js";
import { SHRINK_SENDS } from "../../src/verify/generate/shrink.js";
import { runVerify } from "../../src/verify/index.js";
import { REQUESTS_PER_ROUND } from "../../src/verify/stateful/phase.js";
import { startDefectiveServer } from "./defective-server.js";

const main = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "budget-test-token-41" };
const second = { accountSid: "ACfedcba9876543210fedcba9876543210", authToken: "budget-test-token-42" };

let mock: RunningMock;
let baseUrl: string;
let arrived = 0;
let corpusRequests = 0;
let closeServer: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  const server = await startDefectiveServer(
    mock.baseUrl,
    (request) => {
      arrived += 1;
      return request;
    },
    (close) => {
      closeServer = close as () => Promise<void>;
    },
  );
  baseUrl = server.baseUrl;
  await runVerify({ baseUrl, credentials: main });
  corpusRequests = arrived;
});
afterAll(async () => {
  await closeServer();
  await mock.stop();
});

/** The generated requests one run sends: what arrives beyond the fixed corpus's requests. */
async function generatedRun(maxCases: number) {
  arrived = 0;
  const result = await runVerify({
    baseUrl,
    credentials: main,
    secondCredentials: second,
    mockAdminUrl: mock.adminUrl as string,
    generate: { seed: 8, maxCases },
  });
  return { result, sent: arrived - corpusRequests };
}

const least = leastMaxCases();

describe("verify --generate's budget", { timeout: 60_000 }, () => {
  it("sends exactly the form cases, and no stateful round, at the least maxCases", async () => {
    const { result, sent } = await generatedRun(least);
    expect(sent).toBe(least);
    const subjects = new Set(result.outcomes.map((o) => o.subject));
    expect(subjects).toContain("rejects To sent twice");
    expect(subjects).toContain("rejects an E.164 To sent with a raw +");
    const skip = result.skipped.find((s) => s.subject === "the stateful phase");
    expect(skip?.reason).toContain(`maxCases ${least}`);
    expect(skip?.reason).toContain(String(least + REQUESTS_PER_ROUND));
  });

  it("sends no more than maxCases when one stateful round just fits", async () => {
    const maxCases = least + REQUESTS_PER_ROUND;
    const { result, sent } = await generatedRun(maxCases);
    expect(sent).toBeLessThanOrEqual(maxCases);
    expect(result.outcomes.some((o) => o.check === "deleted-is-gone")).toBe(true);
    expect(result.skipped.filter((s) => s.subject === "the stateful phase")).toEqual([]);
  });

  it("refuses a maxCases below the form cases before sending anything, naming the least", async () => {
    arrived = 0;
    const run = runVerify({ baseUrl, credentials: main, generate: { seed: 8, maxCases: least - 1 } });
    await expect(run).rejects.toThrow(
      `generate.maxCases must be a whole number of at least ${least} (the form cases every run sends), got ${least - 1}`,
    );
    expect(arrived).toBe(0);
  });
});

describe("the budget's figures in docs/verify.md", () => {
  it("are the code's: the least --max-cases, a stateful round, and the shrinking cap", async () => {
    const { readFile } = await import("node:fs/promises");
    const page = (await readFile(new URL("../../docs/verify.md", import.meta.url), "utf8")).replace(/\s+/g, " ");
    const least = leastMaxCases();
    expect(page).toContain(`at least ${least}, the form cases below`);
    expect(page).toContain(
      `a round sends at most ${REQUESTS_PER_ROUND} requests, so below ${least + REQUESTS_PER_ROUND}`,
    );
    expect(page).toContain(`(${least} + ${REQUESTS_PER_ROUND})`);
    expect(page).toContain(`sends up to ${SHRINK_SENDS} more for each of the first ${MOST_SHRUNK} findings`);
  });
});
