// What another repository gets from `npm install calls-contract`: every export resolves to a packed file, and the
// spec and generated types ship so that a consumer's codegen step can point at them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const packed: string[] = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }),
)[0].files.map((f: { path: string }) => f.path);

function targets(node: unknown): string[] {
  if (typeof node === "string") return [node.replace(/^\.\//, "")];
  return Object.values(node as Record<string, unknown>).flatMap(targets);
}

describe("the published package", () => {
  it.each(Object.entries(pkg.exports))("export %s points at files that are packed", (_, target) => {
    for (const file of targets(target)) expect(packed).toContain(file);
  });

  it("ships the spec, the generated types and validators, and the CLI", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        "openapi/calls.yaml",
        "generated/calls.d.ts",
        "generated/calls.bundled.json",
        "generated/validators.cjs",
        "generated/manifest.js",
        pkg.bin["calls-contract"].replace(/^\.\//, ""),
      ]),
    );
  });

  it("asks for Prism as an optional peer, pinned to the versions this repository tests with", () => {
    const prism = Object.keys(pkg.peerDependencies);
    expect(prism.sort()).toEqual(["@stoplight/prism-cli", "@stoplight/prism-http", "@stoplight/prism-http-server"]);
    for (const name of prism) {
      expect(pkg.peerDependencies[name]).toBe(pkg.devDependencies[name]);
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.dependencies[name]).toBeUndefined();
    }
  });

  it("ships no tests, scripts, source maps, build info or secrets", () => {
    expect(
      packed.filter((f) => /^(contract-tests|scripts|\.ci|reports)\//.test(f) || /\.env|\.map$|tsbuildinfo/.test(f)),
    ).toEqual([]);
  });
});
