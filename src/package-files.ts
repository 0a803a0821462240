// The files the package ships beside its code (generated/, package.json), found from wherever the running code
// sits: the sources under src/, the tests' build, or a bundled chunk of dist/, whose depth is not its source's.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "generated")) && existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`calls-contract: no folder above ${from} holds generated/`);
  }
}

const root = packageRoot(fileURLToPath(import.meta.url));

/** The absolute path of a file of the package: `packagePath("generated", "calls.bundled.json")`. */
export function packagePath(...parts: string[]): string {
  return join(root, ...parts);
}

/** Loads a CommonJS or JSON file of the package, by its path from the package's root. */
export function requirePackageFile<T>(path: string): T {
  return createRequire(join(root, "package.json"))(`./${path}`) as T;
}
