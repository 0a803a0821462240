// Runs the CLI as a user does: a separate process, its own stdout, stderr and exit code.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { inject, vi } from "vitest";

// Compiled from this run's sources by the global setup.
const entry = inject("cliEntry");

/**
 * A module of that compiled tree (`index.js`, `client/index.js`), for a probe that imports the package in a fresh
 * `node` as a user's code does, without a TypeScript loader's cost and modules of its own in the way.
 */
export function builtModule(path: string): string {
  return join(dirname(entry), "..", path);
}

export function startCli(
  args: string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams & { output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

/**
 * The child's exit code once its output is all read. Not on "exit": that can come before the last of a piped stdout
 * has been read, which on a busy machine left a test with half a JSON report.
 */
export function finished(child: ReturnType<typeof startCli>): Promise<number | null> {
  if (child.stdout.closed && child.stderr.closed && (child.exitCode !== null || child.signalCode !== null))
    return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("close", (code) => resolve(code)));
}

export async function runCli(args: string[], env: Record<string, string> = {}) {
  const child = startCli(args, env);
  const code = await finished(child);
  return { code, ...child.output() };
}

/** Resolves with the first match of `pattern` in the child's stdout (the CLI's own words, as a user sees them). */
export function waitForOutput(
  child: ReturnType<typeof startCli>,
  pattern: RegExp,
  timeout = 55_000,
): Promise<RegExpMatchArray> {
  return vi.waitFor(
    () => {
      const match = child.output().stdout.match(pattern);
      if (!match) throw new Error(`no ${pattern} in output: ${JSON.stringify(child.output())}`);
      return match;
    },
    { timeout, interval: 50 },
  );
}

/**
 * Every descendant process id of `pid` (Prism runs as a child of the CLI), read from /proc: a `pgrep` per level
 * would fork this worker, hundreds of megabytes of it, a few dozen times a run.
 */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone since the directory was listed
    }
    // "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ")".
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const walk = (id: number): number[] => (children.get(id) ?? []).flatMap((child) => [child, ...walk(child)]);
  return walk(pid);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
