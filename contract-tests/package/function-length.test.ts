// No function in src/ is longer than 80 lines, counted from its first line to its last, nested functions included:
// a long closure is where the next feature would land. (Biome's noExcessiveLinesPerFunction counts fewer lines, so
// a 96-line factory passed it; this test counts them as a reader does.)
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const MAX_LINES = 80;
const root = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `path:line N lines` for each function of the file longer than `limit`. */
function longFunctions(path: string, text: string, limit = MAX_LINES): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > limit) found.push(`${relative(root, path)}:${first + 1} ${last - first + 1} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("functions in src/", () => {
  it(`are at most ${MAX_LINES} lines long`, () => {
    const files = sources(join(root, "src"));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((path) => longFunctions(path, readFileSync(path, "utf8")))).toEqual([]);
  });

  it("counts a function from its first line to its last, the functions inside it included", () => {
    const body = Array.from({ length: 6 }, (_, i) => `  const f${i} = () => ${i};`).join("\n");
    const text = `export function outer() {\n${body}\n  return 0;\n}\n`;
    expect(longFunctions(join(root, "x.ts"), text, 8)).toEqual(["x.ts:1 9 lines"]);
    expect(longFunctions(join(root, "x.ts"), text, 9)).toEqual([]);
  });
});
