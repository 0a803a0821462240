// Runs the CLI as a user does: a separate process, its own stdout, stderr and exit code.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export function startCli(
  args: string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams & { output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return Object.assign(child, { output: () => ({ stdout, stderr }) });
}

export async function runCli(args: string[], env: Record<string, string> = {}) {
  const child = startCli(args, env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  return { code, ...child.output() };
}

export async function waitFor(
  child: ReturnType<typeof startCli>,
  pattern: RegExp,
  ms = 20_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = child.output().stdout.match(pattern);
    if (match) return match;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no ${pattern} in output: ${JSON.stringify(child.output())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every descendant process id of `pid` (Prism runs as a child of the CLI). */
export function descendants(pid: number): number[] {
  let out = "";
  try {
    out = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
  } catch {
    return [];
  }
  const children = out.split("\n").filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
