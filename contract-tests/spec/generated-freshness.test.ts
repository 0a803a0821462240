// `npm run generate -- --check` (run by `npm test`) must notice a spec edit that was not regenerated.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

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

// Each case runs codegen in full in a new process (the spec, the validators, and the twilio SDK's TwiML typings);
// on a machine busy with other work that has come close to vitest's default 20 s.
describe("generated/ freshness check", { timeout: 60_000 }, () => {
  it("passes on the committed generated/ files", async () => {
    const { stdout } = await check();
    expect(stdout).toMatch(/generated\/ is fresh/);
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
