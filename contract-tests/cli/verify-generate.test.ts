// `calls-contract verify --generate` and `--replay`, run as a user runs them: against the embedded mock, and against
// the stateful mock behind a defect, whose failure is printed with a curl line, kept in a file and replayed.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createAdminClient, type RunningMock, startMock } from "../../src/mock/index.js";
import { runCli } from "../support/cli.js";
import { keepsDeletedCalls, startDefectiveServer } from "../verify/defective-server.js";

const SECRET = "generate-cli-token-5c4b3a";
const env = {
  TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef",
  TWILIO_AUTH_TOKEN: SECRET,
  TWILIO_SECOND_ACCOUNT_SID: "ACfedcba9876543210fedcba9876543210",
  TWILIO_SECOND_AUTH_TOKEN: `${SECRET}-2`,
};

/** A server that cannot be reached: a usage error must be reported before anything is sent to it. */
const REMOTE = "https://staging.calls-contract.invalid";

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "verify-generate-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ stateful: true, clock: "manual", log: () => undefined });
  // As docs/verify.md says of a mock the user started: given both accounts' tokens, it refuses a wrong one.
  const admin = createAdminClient(mock.adminUrl as string);
  await admin.setAuthToken(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN);
  await admin.setAuthToken(env.TWILIO_SECOND_ACCOUNT_SID, env.TWILIO_SECOND_AUTH_TOKEN);
});
afterAll(() => mock.stop());

describe("calls-contract verify --generate", { timeout: 60_000 }, () => {
  it("passes against the embedded mock, prints the coverage and the seed, and keeps an empty failures file", async () => {
    const dir = await folder();
    const file = join(dir, "failures.json");
    const result = await runCli(["verify", "--generate", "--seed", "3", "--max-cases", "150", "--failures", file], {
      TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: SECRET,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(/embedded mock \(stateful, manual clock\)/);
    expect(result.stdout).toMatch(/^coverage\s+seen\s+declared\s+share$/m);
    expect(result.stdout).toMatch(/seed 3: pass --seed 3 to send the same cases/);
    expect(result.stdout).toMatch(/fetchCall\s+account-isolation\s+\d+\s+0/);
    expect(JSON.parse(await readFile(file, "utf8")).failures).toEqual([]);
  });

  it("exits 1 on a server that keeps deleted calls, with a curl line that never holds the token", async () => {
    const server = await startDefectiveServer(mock.baseUrl, keepsDeletedCalls);
    const dir = await folder();
    const file = join(dir, "failures.json");
    const report = join(dir, "report.json");
    const args = ["verify", "--generate", "--seed", "4", "--max-cases", "100", "--base-url", server.baseUrl];
    const result = await runCli([...args, "--failures", file, "--json", report], env);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/✗ \[deleted-is-gone\] /);
    expect(result.stdout).toMatch(
      /curl -sS -X DELETE ".*\$TWILIO_ACCOUNT_SID.*" -u "\$TWILIO_ACCOUNT_SID:\$TWILIO_AUTH_TOKEN"/,
    );
    expect(result.stdout).toContain(`failures kept in ${file}`);
    const kept = await readFile(file, "utf8");
    const json = await readFile(report, "utf8");
    for (const text of [result.stdout, result.stderr, kept, json]) expect(text).not.toContain(SECRET);
    // Built without the token, not scrubbed of it: the CLI would mask a token that curl.ts had put in a line.
    const curlLines = [
      ...result.stdout.split("\n").filter((line) => /^\s+curl /.test(line)),
      ...[kept, json].flatMap((text) => JSON.parse(text).failures.flatMap((f: { curl: string[] }) => f.curl)),
    ] as string[];
    const withCredentials = curlLines.filter((line) => / -u /.test(line));
    expect(withCredentials.length).toBeGreaterThan(0);
    for (const line of withCredentials) expect(line).toMatch(/ -u "\$TWILIO_(SECOND_)?ACCOUNT_SID:[^"]*"/);
    expect(withCredentials.some((line) => line.includes('"$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"'))).toBe(true);
    expect(curlLines.filter((line) => line.includes("[redacted]"))).toEqual([]);
    const parsed = JSON.parse(json);
    expect(parsed.generated.seed).toBe(4);
    expect(parsed.generated.coverage.operations.seen).toBe(5);
    expect(parsed.failures.find((f: { check: string }) => f.check === "deleted-is-gone").curl[0]).toMatch(/^curl /);
    expect(JSON.parse(kept).failures.map((f: { check: string }) => f.check)).toContain("deleted-is-gone");
  });

  it("replays a failures file: still failing on the defective server, passing on the faithful mock", async () => {
    const server = await startDefectiveServer(mock.baseUrl, keepsDeletedCalls);
    const dir = await folder();
    const file = join(dir, "failures.json");
    await runCli(
      ["verify", "--generate", "--seed", "4", "--max-cases", "100", "--base-url", server.baseUrl, "--failures", file],
      env,
    );
    const still = await runCli(["verify", "--replay", file, "--base-url", server.baseUrl], env);
    expect(still.code, still.stderr).toBe(1);
    expect(still.stdout).toMatch(/✗ still fails: \[deleted-is-gone\]/);
    const fixed = await runCli(["verify", "--replay", file, "--base-url", mock.baseUrl], env);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/✓ now passes: \[deleted-is-gone\]/);
    expect(fixed.stdout).toMatch(/\d+ now pass, 0 still fail/);
  });

  it("refuses --seed without --generate, naming the flag", async () => {
    const result = await runCli(["verify", "--seed", "3"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--seed needs --generate/);
  });

  it("refuses --failures naming a folder before sending anything", async () => {
    const dir = await folder();
    const result = await runCli(["verify", "--generate", "--failures", dir, "--base-url", REMOTE], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`--failures must name a file to write, got the folder "${dir}"`);
    expect(result.stderr).not.toContain("verifying");
  });

  it("refuses --failures under a file, as its folder cannot be made", async () => {
    const dir = await folder();
    const file = join(dir, "plain.txt");
    await writeFile(file, "");
    const result = await runCli(
      ["verify", "--generate", "--failures", join(file, "f.json"), "--base-url", REMOTE],
      env,
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`--failures cannot be written: "${file}" is a file, not a folder`);
  });

  it("refuses a --max-cases below the form cases every run sends, naming the flag and the least", async () => {
    const result = await runCli(["verify", "--generate", "--max-cases", "10", "--base-url", REMOTE], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--max-cases must be a whole number from \d+ to 1000000 .*form cases.*, got "10"/);
  });

  it("refuses a --max-cases that is not a whole number", async () => {
    const result = await runCli(["verify", "--generate", "--max-cases", "150.5", "--base-url", REMOTE], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--max-cases must be a whole number from \d+ to 1000000.*, got "150\.5"/);
  });

  it("refuses --failures with --replay: a replay keeps no new failures", async () => {
    const dir = await folder();
    const file = join(dir, "failures.json");
    await writeFile(file, JSON.stringify({ baseUrl: REMOTE, failures: [] }));
    const result = await runCli(
      ["verify", "--replay", file, "--failures", join(dir, "x.json"), "--base-url", REMOTE],
      env,
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--failures does not go with --replay/);
  });

  it("refuses a negative --seed with its range", async () => {
    const result = await runCli(["verify", "--generate", "--seed", "-1", "--base-url", REMOTE], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--seed must be a whole number from 0 to 2147483647, got "-1"');
  });

  it("refuses to replay a file that is not a failures file, saying what is wrong", async () => {
    const dir = await folder();
    const file = join(dir, "not-failures.json");
    await writeFile(file, JSON.stringify({ log: { entries: [] } }));
    const result = await runCli(["verify", "--replay", file, "--base-url", mock.baseUrl], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--replay .*not-failures\.json: .* has no "failures" list/);
  });
});
