// The CLI as tests run it: the sources compiled to JavaScript once per run, so that each of the suites' hundred-odd
// CLI processes starts as a user's does (plain `node`), not through a TypeScript loader, which costs 0.5 to 2 s per
// process. Always from the sources of this run, never from a `dist/` that may be stale.
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSources } from "../../scripts/build.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Compiles `src/` as `npm run build` does into a temporary tree laid out like the package, `<root>/build/...` beside
 * links to `generated/`, `package.json` and `node_modules`, so that every path the sources take relative to
 * themselves (`../../generated/...`) resolves as it does in `dist/`.
 */
export async function buildSources(): Promise<{ cliEntry: string; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), "calls-contract-build-"));
  for (const name of ["generated", "package.json", "node_modules"]) symlinkSync(join(repo, name), join(root, name));
  await compileSources(join(root, "build"));
  return {
    cliEntry: join(root, "build/cli/main.js"),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
