// `npm test`: the static checks, then the contract suite. The checks are single-threaded, so they run in two lanes
// at once (the type check alone takes as long as the other four together); each one's output is printed whole when
// it ends, and the first failure stops the run before the suite. Arguments go to vitest
// (`npm test -- --reporter=json ...`).
import { spawn } from "node:child_process";

const LANES = [["typecheck"], ["format:check", "lint", "lint:spec", "check:generated"]];

interface Outcome {
  script: string;
  code: number;
  output: string;
  seconds: number;
}

function runScript(script: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) =>
      resolve({ script, code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

async function lane(scripts: string[]): Promise<Outcome | undefined> {
  for (const script of scripts) {
    const outcome = await runScript(script);
    const mark = outcome.code === 0 ? "ok  " : "FAIL";
    process.stdout.write(`${mark} npm run ${script} (${outcome.seconds.toFixed(1)} s)\n`);
    if (outcome.code !== 0) return outcome;
  }
  return undefined;
}

const failures = (await Promise.all(LANES.map(lane))).filter((f): f is Outcome => f !== undefined);
for (const failure of failures)
  process.stdout.write(`\n--- npm run ${failure.script}, exit ${failure.code}:\n${failure.output}`);
if (failures.length > 0) process.exit(1);

const vitest = spawn("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
vitest.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
