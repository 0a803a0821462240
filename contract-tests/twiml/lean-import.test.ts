// validateTwiml must not make importing the package dearer: the lean client entry never reaches the checker, and
// the main entry loads the vocabulary only when a document is first checked.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { builtModule } from "../support/cli.js";

const repo = new URL("../../", import.meta.url).pathname;

const packages = new Set<string>();

/**
 * Every source file a module reaches through its static imports and re-exports (type-only ones excluded); the
 * packages they import on the way are left in `packages`.
 */
function importGraph(entry: string): Set<string> {
  packages.clear();
  const seen = new Set<string>();
  const pending = [resolve(repo, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly;
      if (!isImport && !isExport) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral | undefined)?.text;
      if (specifier && !specifier.startsWith(".")) packages.add(specifier);
      if (!specifier?.startsWith(".")) continue;
      const target = join(dirname(file), specifier).replace(/\.js$/, ".ts");
      if (target.startsWith(join(repo, "src"))) pending.push(target);
    }
  }
  return seen;
}

describe("importing the package with the TwiML checker in it", () => {
  it("keeps src/twiml out of calls-contract/client", () => {
    const reached = [...importGraph("src/client/index.ts")].map((f) => f.slice(repo.length));
    expect(reached).toContain("src/client/client.ts");
    expect(reached.filter((f) => f.startsWith("src/twiml/"))).toEqual([]);
    // The main entry does reach it, so the walk above would have seen it.
    expect([...importGraph("src/index.ts")].map((f) => f.slice(repo.length))).toContain("src/twiml/index.ts");
  });

  it("needs nothing of the twilio SDK at run time: the vocabulary was read from it at codegen time", () => {
    const reached = [...importGraph("src/twiml/index.ts")].map((f) => f.slice(repo.length));
    expect(reached).toContain("src/xml/tokenize.ts");
    expect([...packages].filter((name) => name === "twilio" || name.startsWith("twilio/"))).toEqual([]);
  });

  it("loads the vocabulary on the first check, not at import", () => {
    const script = `
      import { createRequire } from "node:module";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.endsWith("twiml-vocabulary.json"));
      const { validateTwiml } = await import(${JSON.stringify(builtModule("index.js"))});
      const before = loaded();
      validateTwiml("<Response/>");
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });
});
