// Building verify's reports costs time in proportion to what they hold: thousands of failing exchanges, grouped in
// the printed failures and listed one test case each in the JUnit file, are written in seconds, not minutes.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { CALLS_URL, harDocument, made } from "../support/har.js";
import { runCliWithin } from "./harness.js";

// A create without Url and a response that is not a Call: two failing checks (and five passing) per exchange, every
// failure of a check the same as the others, so that the printed failures are one group per check.
const FAILING = made({
  method: "POST",
  url: CALLS_URL,
  form: "To=%2B13105555555&From=%2B12125551234",
  status: 201,
  json: { sid: "not a Call" },
});

describe("verify --har's reports", () => {
  // 8,000 exchanges took 46 s when report building was quadratic, and take about 3 s of CPU now (mostly the checks
  // themselves): few enough for `npm test`, many enough that quadratic building cannot finish inside the deadline.
  it("judges 8,000 failing exchanges and writes their JUnit report inside 20 s", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hostile-reports-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const har = join(dir, "traffic.har");
    const junit = join(dir, "junit.xml");
    await writeFile(har, harDocument(Array(8000).fill(FAILING)));
    const run = await runCliWithin(["verify", "--har", har, "--junit", junit], {}, 20_000);
    expect(run.killed, "verify outlived its deadline").toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/40000 passed, 16000 failed, 0 warned in 8000 exchange\(s\)/);
    expect(run.stdout).toMatch(/the same \d+ violations? in 8000 responses/);
    const report = await readFile(junit, "utf8");
    expect(report.match(/<failure /g)).toHaveLength(16_000);
  });
});
