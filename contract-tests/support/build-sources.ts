// The CLI as tests run it: the sources compiled to JavaScript once per run, so that each of the suites' hundred-odd
// CLI processes starts as a user's does (plain `node`), not through a TypeScript loader, which costs 0.5 to 2 s per
// process. Always from the sources of this run, never from a `dist/` that may be stale.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * Compiles `src/` file by file (no bundling: lazy imports stay lazy) into a temporary tree laid out like the
 * package, `<root>/build/...` beside links to `generated/`, `package.json` and `node_modules`, so that every path
 * the sources take relative to themselves (`../../generated/...`) resolves as it does in `dist/`.
 */
export async function buildSources(): Promise<{ cliEntry: string; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), "calls-contract-build-"));
  for (const name of ["generated", "package.json", "node_modules"]) symlinkSync(join(repo, name), join(root, name));
  const out = join(root, "build");
  mkdirSync(out);
  const entryPoints = sources(join(repo, "src"));
  await build({
    entryPoints,
    outdir: out,
    outbase: join(repo, "src"),
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "inline",
    logLevel: "error",
  });
  return {
    cliEntry: join(out, relative(join(repo, "src"), join(repo, "src/cli/main.js"))),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
