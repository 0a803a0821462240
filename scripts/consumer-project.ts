// Another repository, made from nothing in a temporary directory: the packed tarball and named packages from the
// registry, installed from npm's local cache only. Used by the consumer test and by the footprint benchmark.
//
// Why a lock file: npm 11's `npm install <name>` fetches every package's full registry document, which `npm ci`
// never caches, so `npm install --offline` in an empty project fails on a machine that ran only `npm ci`. With a
// lock file, `npm ci --offline` needs nothing but the tarballs, which `npm ci` in this repository left in the cache.
// The lock pins each registry package to the version and integrity this repository's package-lock.json resolved;
// the project keeps no path back into the repository.
import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
// Installs, packing and compiles here are bulk work beside the test suite's timed cases (a 10 MB request refused
// within 3 s, a server up within 20 s) on a two-core machine: at a lower priority they take only the CPU those
// leave, and only the bulk work waits.
const niced = (file: string, args: string[]): [string, string[]] => ["nice", ["-n", "10", file, ...args]];
const root = new URL("..", import.meta.url);

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface ProjectSpec {
  /** The packed calls-contract tarball, copied into the project, as a production dependency. */
  tarball?: string;
  /** Registry packages as production dependencies, at the versions this repository's lock resolved. */
  dependencies?: string[];
  /** Registry packages as devDependencies. */
  devDependencies?: string[];
}

export interface Project {
  dir: string;
  /** Runs a command in the project as its developer would, with npm held to the cache. */
  sh(command: string, env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Starts a long-running command (a server) in the project, in the same environment as `sh`. */
  start(file: string, args: string[]): ChildProcessWithoutNullStreams;
}

let repoLock: Promise<Record<string, LockEntry>> | undefined;
function repositoryLock(): Promise<Record<string, LockEntry>> {
  repoLock ??= readFile(new URL("package-lock.json", root), "utf8").then(
    (text) => (JSON.parse(text) as { packages: Record<string, LockEntry> }).packages,
  );
  return repoLock;
}

/** Where Node would find `name` from the package installed at `from` (a lock key), in the repository's tree. */
function locate(lock: Record<string, LockEntry>, from: string, name: string): string {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, "")) {
    const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock[key]) return key;
    if (!dir) throw new Error(`package-lock.json has no ${name} reachable from ${from || "the root"}`);
  }
}

function edges(entry: LockEntry): string[] {
  const peers = Object.keys(entry.peerDependencies ?? {}).filter((n) => !entry.peerDependenciesMeta?.[n]?.optional);
  return [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers];
}

/** The lock keys of `names` (from the root) and everything they need, in the repository's layout. */
function closure(lock: Record<string, LockEntry>, names: string[], from = ""): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of edges(lock[key] as LockEntry)) {
      // An optional dependency this platform never got has no entry: npm skips it too.
      if (lock[key]?.optionalDependencies?.[dep] && !tryLocate(lock, key, dep)) continue;
      visit(locate(lock, key, dep));
    }
  };
  for (const name of names) visit(locate(lock, from, name));
  return seen;
}

function tryLocate(lock: Record<string, LockEntry>, from: string, name: string): string | undefined {
  try {
    return locate(lock, from, name);
  } catch {
    return undefined;
  }
}

async function tarballEntry(tarball: string): Promise<{ pkg: PackageJson; entry: LockEntry }> {
  const { stdout } = await run("tar", ["-xzOf", tarball, "package/package.json"], { maxBuffer: 1 << 20 });
  const pkg = JSON.parse(stdout) as PackageJson;
  const integrity = `sha512-${createHash("sha512")
    .update(await readFile(tarball))
    .digest("base64")}`;
  const { name: _name, version, dependencies, peerDependencies, peerDependenciesMeta, bin, engines, license } = pkg;
  return {
    pkg,
    entry: {
      version,
      resolved: `file:${basename(tarball)}`,
      integrity,
      ...(license ? { license } : {}),
      ...(dependencies ? { dependencies } : {}),
      ...(bin ? { bin } : {}),
      ...(engines ? { engines } : {}),
      ...(peerDependencies ? { peerDependencies, peerDependenciesMeta } : {}),
    },
  };
}

/** Makes the project in `dir` (which must exist and be empty) and installs it with `npm ci --offline`. */
export async function createProject(dir: string, spec: ProjectSpec): Promise<Project> {
  const lock = await repositoryLock();
  const version = (name: string) => (lock[`node_modules/${name}`] as LockEntry).version;
  const pins = (names: string[] = []) => Object.fromEntries(names.map((name) => [name, version(name)]));
  const dependencies = pins(spec.dependencies);
  const devDependencies = pins(spec.devDependencies);
  const packages: Record<string, LockEntry> = {};

  let tarballDeps: string[] = [];
  if (spec.tarball) {
    const local = join(dir, basename(spec.tarball));
    await copyFile(spec.tarball, local);
    const { pkg, entry } = await tarballEntry(local);
    dependencies[pkg.name] = `file:${basename(local)}`;
    packages[`node_modules/${pkg.name}`] = entry;
    tarballDeps = Object.keys(pkg.dependencies ?? {});
  }
  const prod = closure(lock, [...(spec.dependencies ?? []), ...tarballDeps]);
  const dev = closure(lock, spec.devDependencies ?? []);
  for (const key of [...prod, ...dev].sort()) {
    const { dev: _d, optional: _o, devOptional: _do, peer: _p, resolved: _r, ...entry } = lock[key] as LockEntry;
    packages[key] = { ...entry, ...(prod.has(key) ? {} : { dev: true }) };
  }
  const manifest = { name: "consumer", version: "1.0.0", private: true, type: "module", dependencies, devDependencies };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, "package-lock.json"),
    `${JSON.stringify(
      {
        name: "consumer",
        version: "1.0.0",
        lockfileVersion: 3,
        requires: true,
        packages: { "": { name: "consumer", version: "1.0.0", dependencies, devDependencies }, ...packages },
      },
      null,
      2,
    )}\n`,
  );
  // Run under `npm test`, this process carries npm's own settings for this repository (npm_config_*, INIT_CWD,
  // ...) and maybe module paths: none of them may reach the other project. Every npm command there, ours or the
  // README's, is held to the cache: nothing leaves the machine.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$|NODE_OPTIONS$|NODE_PATH$)/i.test(key)),
  );
  const npmEnv = { npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
  const sh: Project["sh"] = async (command, env = {}) => {
    try {
      const { stdout, stderr } = await run(...niced("sh", ["-c", command]), {
        cwd: dir,
        env: { ...inherited, ...npmEnv, NO_COLOR: "1", ...env },
        maxBuffer: 64 << 20,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  };
  const installed = await sh("npm ci --offline --no-audit --no-fund --loglevel=error");
  if (installed.code !== 0) throw new Error(`npm ci --offline failed in ${dir}:\n${installed.stderr}`);
  const start: Project["start"] = (file, args) =>
    spawn(...niced(join(dir, file), args), {
      cwd: dir,
      env: { ...inherited, ...npmEnv, NO_COLOR: "1" },
    });
  return { dir, sh, start };
}

/** `du -sk node_modules`: the install's size on disk, in KiB. */
export async function footprintKiB(dir: string): Promise<number> {
  const { stdout } = await run("du", ["-sk", join(dir, "node_modules")]);
  return Number(stdout.split("\t")[0]);
}

/** Packs this repository as `npm pack` does for a release (its prepare script builds dist/ first). */
export async function packRepository(destination: string): Promise<string> {
  const { stdout } = await run(...niced("npm", ["pack", "--json", "--pack-destination", destination]), {
    cwd: new URL(".", root),
    env: { ...process.env, npm_config_offline: "true" },
    maxBuffer: 16 << 20,
  });
  // The prepare script's own output comes first; the JSON report is the rest.
  const report = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{ filename: string }>;
  return join(destination, (report[0] as { filename: string }).filename);
}
