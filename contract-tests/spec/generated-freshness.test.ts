// `npm run generate -- --check` (run by `npm test`) must notice a spec edit that was not regenerated.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";

const run = promisify(execFile);
const repo = new URL("../../", import.meta.url).pathname;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "calls-contract-gen-"));
  await cp(join(repo, "openapi"), join(scratch, "openapi"), { recursive: true });
  await cp(join(repo, "generated"), join(scratch, "generated"), { recursive: true });
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

function check() {
  return run(process.execPath, ["--import", "tsx", join(repo, "scripts/generate.ts"), "--check", "--root", scratch], {
    cwd: repo,
  });
}

// Each case runs codegen in full (the spec, the validators, and the twilio SDK's TwiML typings); on a machine busy
// with other work that has come close to vitest's default 20 s. The passing case calls the function the command
// wraps; the failing case runs the command itself, for its exit code.
describe("generated/ freshness check", { timeout: 60_000 }, () => {
  // This is npm test's freshness gate: it checks the repository's own generated/ files, not a copy.
  it("passes on the committed generated/ files", async () => {
    const outcome = await generate(repo, true);
    expect(outcome).toMatchObject({ code: 0, stderr: "" });
    expect(outcome.stdout).toMatch(/generated\/ is fresh/);
  });

  it("fails and names the stale files after a spec edit", async () => {
    const spec = join(scratch, "openapi/calls.yaml");
    await writeFile(spec, (await readFile(spec, "utf8")).replace("maximum: 600", "maximum: 900"));
    const failure = await check().then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/stale.*generated\/calls\.bundled\.json.*generated\/validators\.cjs/s);
  });
});
