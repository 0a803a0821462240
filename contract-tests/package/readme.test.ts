// The README must stay true: its app-style example is a test file of this project, shown verbatim, and its first
// screen gives the two commands that CI and a newcomer run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { CODEGEN, JUNIT_REPORT, TYPECHECK, VERIFY, VERIFY_ENV } from "./consumer-commands.js";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const codeBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const workflowText = readFileSync(new URL("examples/github-actions/calls-contract.yml", root), "utf8");

/** The lines of the shell blocks in the README's section under `heading`, up to the next heading of any level. */
function shellLines(heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/^#{1,6} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] as string).trim().split("\n"));
}

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const steps: Step[] = YAML.parse(workflowText).jobs.contract.steps;

describe("the README", () => {
  it("shows contract-tests/examples/stateful-app.test.ts verbatim, so that the example is a test that runs", () => {
    const example = readFileSync(new URL("contract-tests/examples/stateful-app.test.ts", root), "utf8");
    expect(codeBlocks).toContain(example);
  });

  it("gives the main job and the test command on its first screen", () => {
    const firstScreen = readme.split("\n").slice(0, 12).join("\n");
    expect(firstScreen).toContain("npm ci && npm start");
    expect(firstScreen).toContain("npm ci && npm test");
  });
});

describe("the README's commands for another repository, and the example CI workflow", () => {
  it("show the codegen and type-check commands that the consumer test runs", () => {
    const lines = shellLines("## Using the spec in another repository");
    expect(lines).toContain(CODEGEN);
    expect(lines.indexOf(TYPECHECK)).toBeGreaterThan(lines.indexOf(CODEGEN));
  });

  it("name Prism's install command exactly as `calls-contract mock` prints it, at the pinned versions", () => {
    const peers = Object.entries(pkg.peerDependencies as Record<string, string>).map(([n, v]) => `${n}@${v}`);
    expect(shellLines("## Using the spec in another repository")).toContain(
      `npm install --save-dev ${peers.join(" ")}`,
    );
  });

  it("show, under In CI, the verify command that the consumer test runs", () => {
    expect(shellLines("### In CI")).toEqual([VERIFY]);
  });

  it("show the workflow file verbatim", () => {
    expect(readme).toContain(`\`\`\`yaml\n${workflowText}\`\`\``);
  });

  it("run, in the workflow, codegen, the type check and verify as the consumer test does, in that order", () => {
    const runs = steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toEqual(["npm ci", CODEGEN, TYPECHECK, VERIFY]);
    const verify = steps.find((step) => step.run === VERIFY);
    expect(Object.keys(verify?.env ?? {}).sort()).toEqual([...VERIFY_ENV].sort());
  });

  it("upload verify's JUnit report with actions/upload-artifact even when verify fails", () => {
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toMatchObject({ if: "always()", with: { path: JUNIT_REPORT } });
    expect(steps.indexOf(upload as Step)).toBeGreaterThan(steps.findIndex((step) => step.run === VERIFY));
  });
});
