// The README and docs/ must stay true: the app-style examples are test files of this project (the IVR's app too)
// and the CI workflow a file of it, all shown verbatim; the commands for another repository are the ones the
// consumer test runs; and the README's first screen gives the two commands that CI and a newcomer run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { CODEGEN, JUNIT_REPORT, TYPECHECK, VERIFY, VERIFY_ENV } from "./consumer-commands.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const readme = read("README.md");
const pkg = JSON.parse(read("package.json"));
const workflowText = read("examples/github-actions/calls-contract.yml");

/** Where the example app and the commands for another repository are shown. */
const STATEFUL_PAGE = "docs/stateful-mock.md";
const SIMULATOR_PAGE = "docs/call-simulator.md";
const ELSEWHERE_PAGE = "docs/another-repository.md";
const ELSEWHERE = "# Using the spec in another repository";
const IN_CI = "## In CI";

/** The fenced blocks of one language in a page, each as its text. */
function fenced(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? "");
}

/** The lines of the shell blocks in a page's section under `heading`, up to the next heading of any level. */
function shellLines(page: string, heading: string): string[] {
  const text = read(page);
  const start = text.startsWith(`${heading}\n`) ? 0 : text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${page} has no "${heading}"`);
  const rest = text.slice(text.indexOf("\n", start + 1) + 1);
  const end = rest.search(/^#{1,6} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return fenced(section, "sh").flatMap((block) => block.trim().split("\n"));
}

/** Every line of every shell block in the README and the pages that show the commands for another repository. */
const allShellLines = [readme, read(ELSEWHERE_PAGE)].flatMap((text) =>
  fenced(text, "sh").flatMap((block) => block.trim().split("\n")),
);

const prismInstall = `npm install --save-dev ${Object.entries(pkg.peerDependencies as Record<string, string>)
  .map(([name, version]) => `${name}@${version}`)
  .join(" ")}`;

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const steps: Step[] = YAML.parse(workflowText).jobs.contract.steps;

describe("the README", () => {
  it("gives the main job and the test command on its first screen", () => {
    const firstScreen = readme.split("\n").slice(0, 12).join("\n");
    expect(firstScreen).toContain("npm ci && npm start");
    expect(firstScreen).toContain("npm ci && npm test");
  });

  it("keeps the table of where the contract is stricter than Twilio", () => {
    expect(readme).toContain("\n### Where this contract is stricter than Twilio, and why\n");
    expect(readme).toMatch(/\n\| rule \| severity \| where \| why it is only advisory \|\n/);
  });
});

describe("the stateful mock's page", () => {
  it("shows contract-tests/examples/stateful-app.test.ts verbatim, so that the example is a test that runs", () => {
    expect(fenced(read(STATEFUL_PAGE), "ts")).toContain(read("contract-tests/examples/stateful-app.test.ts"));
  });
});

describe("the call simulator's page", () => {
  it("shows the IVR example and its test verbatim, so that what a user copies is a test that runs", () => {
    const blocks = fenced(read(SIMULATOR_PAGE), "ts");
    expect(blocks).toContain(read("examples/ivr/app.ts"));
    expect(blocks).toContain(read("contract-tests/examples/ivr.test.ts"));
  });
});

describe("the commands for another repository, and the example CI workflow", () => {
  it("show the codegen and type-check commands that the consumer test runs", () => {
    const lines = shellLines(ELSEWHERE_PAGE, ELSEWHERE);
    expect(lines).toContain(CODEGEN);
    expect(lines.indexOf(TYPECHECK)).toBeGreaterThan(lines.indexOf(CODEGEN));
  });

  it("name Prism's install command exactly as `calls-contract mock` prints it, at the pinned versions", () => {
    expect(shellLines(ELSEWHERE_PAGE, ELSEWHERE)).toContain(prismInstall);
  });

  it("are the only codegen and Prism install lines the README and that page show", () => {
    const codegen = allShellLines.filter((line) => line.includes("openapi-typescript node_modules"));
    expect(codegen.length).toBeGreaterThan(1);
    expect(new Set(codegen)).toEqual(new Set([CODEGEN]));
    const prism = allShellLines.filter((line) => line.includes("@stoplight/prism"));
    expect(new Set(prism)).toEqual(new Set([prismInstall]));
  });

  it("show, under In CI, the verify command that the consumer test runs", () => {
    expect(shellLines(ELSEWHERE_PAGE, IN_CI)).toEqual([VERIFY]);
  });

  it("show the workflow file verbatim", () => {
    expect(fenced(read(ELSEWHERE_PAGE), "yaml")).toContain(workflowText);
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
