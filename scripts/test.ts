// `npm test`: the static checks and the contract suite, side by side. The checks are single-threaded and the suite
// spends much of its time waiting on the processes it starts, so running them together keeps both cores busy: on a
// 2-core machine that is most of the difference between about 75 s and 60 s. The checks run in two lanes (the type
// check takes as long as the other three together); their outputs are kept and printed after the suite's, whole, so
// that nothing interleaves. Arguments go to vitest (`npm test -- --reporter=json ...`).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

// generated/ freshness is not among them: the suite checks it (generated-freshness.test.ts), in a worker that has
// codegen loaded anyway, rather than in a process of its own that loads it again.
const LANES = [["typecheck"], ["format:check", "lint", "lint:spec"]];

const root = fileURLToPath(new URL("..", import.meta.url));
const commands: Record<string, string> = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
// Each check runs its package.json command line as `npm run` would (a shell, node_modules/.bin first on the PATH),
// without starting npm for it: five npm and npx processes cost the run about two seconds of CPU.
const env = { ...process.env, PATH: [join(root, "node_modules/.bin"), process.env.PATH].join(delimiter) };

interface Outcome {
  script: string;
  code: number;
  output: string;
  seconds: number;
}

function run(command: string, args: string[], capture: boolean): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code, signal) =>
      resolve({
        script: args.join(" "),
        code: code ?? (signal ? 1 : 0),
        output,
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

/** One lane's checks in order; it stops at the first that fails. */
async function lane(scripts: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const script of scripts) {
    const outcome = await run("/bin/sh", ["-c", commands[script] as string], true);
    outcomes.push({ ...outcome, script });
    if (outcome.code !== 0) break;
  }
  return outcomes;
}

const checks = Promise.all(LANES.map(lane));
const suite = await run("vitest", ["run", ...process.argv.slice(2)], false);
const outcomes = (await checks).flat();

process.stdout.write("\nStatic checks\n");
for (const o of outcomes)
  process.stdout.write(`  ${o.code === 0 ? "ok  " : "FAIL"} npm run ${o.script} (${o.seconds.toFixed(1)} s)\n`);
const failed = outcomes.filter((o) => o.code !== 0);
for (const o of failed) process.stdout.write(`\n--- npm run ${o.script}, exit ${o.code}:\n${o.output}`);
// The whole command's time, against the 60 s the project holds it to (a figure for CI logs, not a check).
process.stdout.write(
  `\nnpm test: ${(performance.now() / 1000).toFixed(1)} s, the suite ${suite.seconds.toFixed(1)} s\n`,
);
process.exit(suite.code !== 0 || failed.length > 0 ? 1 : 0);
