// `npm run build`: dist/ as it is published. The JavaScript comes from esbuild, bundled per entry point with the
// shared code in chunks, without the sources' comments: they are written for readers of src/, and leaving them out
// keeps the client-only install small. The declarations come from tsc, with the doc comments editors show.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
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

interface PackageJson {
  exports: unknown;
  bin: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as PackageJson;

/** Every `./dist/...` path that package.json's exports and bin give under `field` ("default" or "types"). */
function distTargets(field: "default" | "types"): string[] {
  const found: string[] = field === "default" ? Object.values(pkg.bin) : [];
  const collect = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === field && typeof value === "string") found.push(value);
      else collect(value);
    }
  };
  collect(pkg.exports);
  return [...new Set(found.filter((path) => path.startsWith("./dist/")))];
}

/**
 * Compiles src/ to `outdir` for Node 20 and later: one file per entry of package.json (laid out as src/ is), the
 * code they share in chunks/, and each lazy `import()` a chunk of its own, so that a lazy import stays lazy. A
 * package of a few dozen files rather than one per module: every file costs a disk block in every install.
 */
export async function compileSources(outdir: string): Promise<void> {
  await build({
    entryPoints: distTargets("default").map((path) =>
      join(repo, "src", path.slice("./dist/".length).replace(/\.js$/, ".ts")),
    ),
    outdir,
    outbase: join(repo, "src"),
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
}

/** The relative modules a declaration file names, as paths of declaration files. */
function declarationsNamed(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((match) =>
    join(dirname(file), (match[1] as string).replace(/\.js$/, ".d.ts")),
  );
}

/**
 * Removes the declarations no entry of package.json's exports can reach: a user's compiler never reads them, and
 * each small file costs a disk block in every install (the client-only install is held to a share of the official
 * SDK's, docs/performance.md). The JavaScript stays whole: any module may be loaded at run time.
 */
function pruneDeclarations(dist: string): void {
  const entries = distTargets("types").map((path) => join(repo, path));
  const reached = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file) || !existsSync(file)) continue;
    reached.add(file);
    pending.push(...declarationsNamed(file));
  }
  for (const declaration of files(dist, (name) => name.endsWith(".d.ts"))) {
    if (!reached.has(declaration)) rmSync(declaration);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(repo, "dist");
  // A module removed from src/ must not live on in dist/; tsc writes every declaration afresh, then the ones no
  // entry reaches are removed.
  if (existsSync(dist)) for (const stale of files(dist, (name) => /\.(js|js\.map|d\.ts)$/.test(name))) rmSync(stale);
  await compileSources(dist);
  execFileSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: repo,
    stdio: "inherit",
  });
  pruneDeclarations(dist);
}
