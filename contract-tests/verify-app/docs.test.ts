// docs/verify-app.md stays true: its CI job is a workflow that starts the app, waits for it, runs verify-app with
// flags the command takes, and keeps the reports even when a check fails.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { VERIFY_APP_FLAGS } from "../../src/cli/command-flags.js";

const page = readFileSync(new URL("../../docs/verify-app.md", import.meta.url), "utf8");
const yaml = [...page.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}

describe("the CI job in docs/verify-app.md", () => {
  const job = Object.values(YAML.parse(yaml[0] ?? "").jobs as Record<string, { steps: Step[]; env?: object }>)[0];
  const steps = job?.steps ?? [];
  const runs = steps.flatMap((step) => (step.run ? [step.run] : []));
  const verifyApp = runs.findIndex((run) => run.startsWith("npx calls-contract verify-app "));

  it("is one workflow that starts the app in the background and waits for it before verify-app runs", () => {
    expect(yaml).toHaveLength(1);
    const start = runs.findIndex((run) => /&\n/.test(run) && run.includes("curl"));
    expect(start).toBeGreaterThan(-1);
    expect(verifyApp).toBeGreaterThan(start);
    expect(job?.env).toHaveProperty("TWILIO_AUTH_TOKEN");
  });

  it("runs verify-app with flags the command takes", () => {
    const flags = [...(runs[verifyApp] ?? "").matchAll(/\s--([a-z][a-z-]*)/g)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(2);
    expect(flags.filter((flag) => !Object.hasOwn(VERIFY_APP_FLAGS, flag ?? ""))).toEqual([]);
  });

  it("uploads the reports and the map even when a check fails", () => {
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toMatchObject({ if: "always()" });
    expect(upload?.with?.path).toContain("reports/");
  });
});
