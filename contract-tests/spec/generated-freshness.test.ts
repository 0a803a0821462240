// `npm run generate -- --check` must notice a spec edit that was not regenerated, and a twilio SDK whose TwiML
// builder gained or lost a verb or an attribute (the vocabulary is read from it at codegen time), and say which.
// `npm test` runs this check here, through the command's own function with the command's arguments (the command
// only prints its outcome and exits with its code): a second process would load codegen, TypeScript and the SDK's
// typings all over again. The cases share one file, so that one worker loads codegen once for all three.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, generateCommand } from "../../scripts/generate.js";

const repo = new URL("../../", import.meta.url).pathname;
const sdk = join(repo, "node_modules/twilio");
let scratch: string;
let sdkScratch: string;
let voiceTypings: string;

/** A copy of the project's spec and generated files, to edit there. */
async function copyProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "calls-contract-gen-"));
  await cp(join(repo, "openapi"), join(dir, "openapi"), { recursive: true });
  await cp(join(repo, "generated"), join(dir, "generated"), { recursive: true });
  return dir;
}

beforeAll(async () => {
  scratch = await copyProject();
  // The second copy carries the SDK's TwiML files too, so that the SDK can be altered there.
  sdkScratch = await copyProject();
  const copy = join(sdkScratch, "node_modules/twilio");
  await mkdir(join(copy, "lib/twiml"), { recursive: true });
  await cp(join(sdk, "package.json"), join(copy, "package.json"));
  for (const file of ["VoiceResponse.d.ts", "VoiceResponse.js", "MessagingResponse.d.ts", "MessagingResponse.js"])
    await cp(join(sdk, "lib/twiml", file), join(copy, "lib/twiml", file));
  voiceTypings = join(copy, "lib/twiml/VoiceResponse.d.ts");
});
afterAll(() => Promise.all([scratch, sdkScratch].map((dir) => rm(dir, { recursive: true, force: true }))));

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
    const outcome = await generateCommand(["--check", "--root", scratch]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/stale.*generated\/calls\.bundled\.json.*generated\/validators\.cjs/s);
  });

  it("fails on a changed SDK and names its removed verb and added attribute, and nothing else as stale", async () => {
    const typings = await readFile(voiceTypings, "utf8");
    const changed = typings
      .replace("    echo(attributes?: object): VoiceResponse.Echo;\n", "")
      .replace("        numDigits?: number;\n", "        numDigits?: number;\n        speechHints?: string;\n");
    expect(changed).not.toBe(typings);
    await writeFile(voiceTypings, changed);
    const { code, stderr } = await generate(`${sdkScratch}/`, true);
    expect(code).toBe(1);
    expect(stderr).toMatch(/stale.*generated\/twiml-vocabulary\.json/s);
    expect(stderr).toContain("voice: - Response/Echo");
    expect(stderr).toContain("voice: + Gather@speechHints");
    expect(stderr).not.toMatch(/calls\.bundled\.json|validators\.cjs/);
  });
});
