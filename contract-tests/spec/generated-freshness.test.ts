// `npm run generate -- --check` must notice a spec edit that was not regenerated. `npm test` runs this check here,
// through the function the command wraps (the command only prints its outcome and exits with its code): a second
// process would load codegen, TypeScript and the twilio SDK's typings all over again, seconds of CPU for one line.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";

const repo = new URL("../../", import.meta.url).pathname;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "calls-contract-gen-"));
  await cp(join(repo, "openapi"), join(scratch, "openapi"), { recursive: true });
  await cp(join(repo, "generated"), join(scratch, "generated"), { recursive: true });
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Each case runs codegen in full (the spec, the validators, and the twilio SDK's TwiML typings); on a machine busy
// with other work that has come close to vitest's default 20 s.
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
    const outcome = await generate(`${scratch}/`, true);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/stale.*generated\/calls\.bundled\.json.*generated\/validators\.cjs/s);
  });
});
