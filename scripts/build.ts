// `npm run build`: dist/ as it is published. The JavaScript comes from esbuild, file by file (no bundling, so that
// lazy imports stay lazy), without the sources' comments: they are written for readers of src/, and leaving them out
// keeps the client-only install small. The declarations come from tsc, with the doc comments editors show.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = fileURLToPath(new URL("..", import.meta.url));

function files(dir: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, wanted);
    return wanted(entry.name) ? [path] : [];
  });
}

/** Compiles every module of src/ to `outdir`, laid out as src/ is, for Node 20 and later. */
export async function compileSources(outdir: string): Promise<void> {
  await build({
    entryPoints: files(join(repo, "src"), (name) => name.endsWith(".ts") && !name.endsWith(".d.ts")),
    outdir,
    outbase: join(repo, "src"),
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(repo, "dist");
  // A module removed from src/ must not live on in dist/; declarations are tsc's, which it updates incrementally.
  if (existsSync(dist))
    for (const stale of files(dist, (name) => name.endsWith(".js") || name.endsWith(".js.map"))) rmSync(stale);
  await compileSources(dist);
  execFileSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: repo,
    stdio: "inherit",
  });
}
