// The TwiML vocabulary is read from the twilio SDK's builder at codegen time; `generate --check` must notice when
// a different SDK adds or removes a verb or an attribute, and say which. The passing case (the installed SDK's
// vocabulary is fresh) is generated-freshness.test.ts's first: the same full run over the same files.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate.js";

const repo = new URL("../../", import.meta.url).pathname;
const sdk = join(repo, "node_modules/twilio");
let scratch: string;
let voiceTypings: string;

// Codegen runs in full here (typings, spec and validators), which takes long on a busy machine.
// A copy of the project's spec, generated files and the SDK's TwiML files, so that the SDK can be altered there.
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "calls-contract-twiml-"));
  await cp(join(repo, "openapi"), join(scratch, "openapi"), { recursive: true });
  await cp(join(repo, "generated"), join(scratch, "generated"), { recursive: true });
  const copy = join(scratch, "node_modules/twilio");
  await mkdir(join(copy, "lib/twiml"), { recursive: true });
  await cp(join(sdk, "package.json"), join(copy, "package.json"));
  for (const file of ["VoiceResponse.d.ts", "VoiceResponse.js", "MessagingResponse.d.ts", "MessagingResponse.js"])
    await cp(join(sdk, "lib/twiml", file), join(copy, "lib/twiml", file));
  voiceTypings = join(copy, "lib/twiml/VoiceResponse.d.ts");
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const check = () => generate(`${scratch}/`, true);

describe("TwiML vocabulary drift", () => {
  it("names the removed verb and the added attribute of a changed SDK", async () => {
    const typings = await readFile(voiceTypings, "utf8");
    const changed = typings
      .replace("    echo(attributes?: object): VoiceResponse.Echo;\n", "")
      .replace("        numDigits?: number;\n", "        numDigits?: number;\n        speechHints?: string;\n");
    expect(changed).not.toBe(typings);
    await writeFile(voiceTypings, changed);
    const { code, stderr } = await check();
    expect(code).toBe(1);
    expect(stderr).toMatch(/stale.*generated\/twiml-vocabulary\.json/s);
    expect(stderr).toContain("voice: - Response/Echo");
    expect(stderr).toContain("voice: + Gather@speechHints");
    expect(stderr).not.toMatch(/calls\.bundled\.json|validators\.cjs/);
  }, 60_000);
});
