// The README must stay true: its app-style example is a test file of this project, shown verbatim, and its first
// screen gives the two commands that CI and a newcomer run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const codeBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

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
