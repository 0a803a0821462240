// `calls-contract verify --har`, run as a user runs it: verdicts, reports, coverage and its threshold, and the
// usage mistakes it refuses.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCli } from "../support/cli.js";
import { queuedCall } from "../support/fixtures.js";
import { harDocument, INVALID_PARAMETER, made } from "../support/har.js";

const VALID_FORM = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

async function harFile(entries: ReturnType<typeof made>[]) {
  const dir = await mkdtemp(join(tmpdir(), "replay-cli-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, "traffic.har");
  await writeFile(path, harDocument(entries));
  return { dir, path };
}

describe("calls-contract verify --har", () => {
  it("exits 1 on a recorded violation and names it in the table, the JUnit file and the JSON file", async () => {
    const { dir, path } = await harFile([
      made({ method: "POST", form: VALID_FORM, status: 201, json: queuedCall() }),
      made({ method: "POST", form: `${VALID_FORM}&Timeout=601`, status: 400, json: INVALID_PARAMETER }),
    ]);
    const reports = ["--junit", join(dir, "junit.xml"), "--json", join(dir, "report.json")];
    const run = await runCli(["verify", "--har", path, ...reports]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/createCall\s+request-valid\s+1\s+1\s+0/);
    expect(run.stdout).toContain("✗ [request-valid] createCall exchange #2");
    expect(run.stdout).toContain("- Timeout breaks maximum: must be <= 600, got 601");
    expect(run.stdout).toMatch(/^operations\s+1\s+5\s+20%$/m);
    expect(run.stdout).toMatch(/\d+ passed, 1 failed, 0 warned in 2 exchange\(s\)/);
    const junit = await readFile(join(dir, "junit.xml"), "utf8");
    expect(junit).toMatch(/<testcase classname="createCall" name="\[request-valid\] exchange #2">\s*<failure/);
    expect(junit).toContain("Timeout breaks maximum: must be &lt;= 600, got 601");
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    expect(report).toMatchObject({ har: path, exchanges: 2, failed: 1 });
    expect(report.coverage.operations).toEqual({ seen: 1, declared: 5 });
  });

  it("holds the mean coverage to --min-coverage: exit 0 at or above it, 1 below it", async () => {
    const { path } = await harFile([made({ method: "POST", form: VALID_FORM, status: 201, json: queuedCall() })]);
    const above = await runCli(["verify", "--har", path, "--min-coverage", "1"]);
    expect(above.code, above.stdout).toBe(0);
    expect(above.stdout).toMatch(/coverage [\d.]+% \(the mean of the four shares\) meets --min-coverage 1/);
    const below = await runCli(["verify", "--har", path, "--min-coverage", "90"]);
    expect(below.code, below.stdout).toBe(1);
    expect(below.stdout).toMatch(/coverage [\d.]+% \(the mean of the four shares\) is below --min-coverage 90/);
    expect(below.stdout).toMatch(/\d+ passed, 0 failed, 0 warned/);
  });

  it("refuses with exit 2 what cannot be meant: a server with --har, a threshold without it, a bad file", async () => {
    const { dir, path } = await harFile([]);
    const notHar = join(dir, "notes.txt");
    await writeFile(notHar, "GET / HTTP/1.1");
    const runs = await Promise.all([
      runCli(["verify", "--har", path, "--base-url", "http://127.0.0.1:1"]),
      runCli(["verify", "--min-coverage", "50"]),
      runCli(["verify", "--har", path, "--min-coverage", "101"]),
      runCli(["verify", "--har", join(dir, "missing.har")]),
      runCli(["verify", "--har", notHar]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[0]?.stderr).toMatch(/--base-url does not go with --har/);
    expect(runs[1]?.stderr).toMatch(/--min-coverage needs --har/);
    expect(runs[2]?.stderr).toMatch(/--min-coverage must be a percentage from 0 to 100, got "101"/);
    expect(runs[3]?.stderr).toMatch(/ENOENT/);
    expect(runs[4]?.stderr).toMatch(/not a HAR file/);
  });
});
