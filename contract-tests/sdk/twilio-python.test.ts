// twilio-python (Debian's python3-twilio, which .ci/run installs), unchanged, against the stateful mock through its
// documented extension point: a custom `http_client` (twilio_python_recipe.py, which docs/sdks.md shows word for
// word). twilio_python_scenario.py runs the scenario every SDK runs with /usr/bin/python3, the system interpreter the
// Debian package installs into, and prints what it saw; this test holds it to what the mock must have done.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { docsBlocks, expectScenario, recipe, type ScenarioResult } from "./scenario.js";

const PYTHON = "/usr/bin/python3";
const HERE = fileURLToPath(new URL(".", import.meta.url));
const MISSING = `twilio-python is not installed for ${PYTHON}: apt-get install -y python3-twilio (.ci/run installs it)`;

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "twilio-python" });
});
afterAll(() => harness.stop());

/**
 * Runs a Python program with the system interpreter, writing no bytecode beside the recipe (-B); never rejects, so
 * that a failure says what Python said.
 */
function python(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, ["-B", ...args], { cwd: HERE, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== "number" ? error.message : "") });
    });
  });
}

describe("twilio-python against the stateful mock", () => {
  it("is installed for the system Python (a missing SDK fails here rather than skipping)", async () => {
    const { code, stdout, stderr } = await python(["-c", "import twilio; print(twilio.__version__)"]);
    expect(code, `${MISSING}\n${stderr}`).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("is pointed at the mock by the recipe docs/sdks.md shows, word for word", () => {
    expect(docsBlocks("python")).toContain(recipe("twilio_python_recipe.py"));
  });

  it("creates, fetches, lists, updates and deletes calls, and checks each signed status callback", async () => {
    const { mock } = harness;
    const args = [mock.baseUrl, mock.adminUrl as string, freshAccount(), "sdk-test-token"];
    const { code, stdout, stderr } = await python(["twilio_python_scenario.py", ...args]);
    expect(code, `${PYTHON} twilio_python_scenario.py failed (${MISSING}?):\n${stderr}`).toBe(0);
    expectScenario(JSON.parse(stdout) as ScenarioResult);
  });
});
