// Derives everything in generated/ from openapi/calls.yaml. `--check` compares instead of writing and exits 1
// when any file is stale, so the test command catches a spec edit that was not followed by `npm run generate`.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderGenerated } from "./codegen.js";
import { type TwimlVocabulary, vocabularyDrift } from "./twiml-vocabulary.js";

export interface GenerateOutcome {
  /** 0, or 1 when `check` found a stale file. */
  code: 0 | 1;
  /** What the command prints on stdout and on stderr. */
  stdout: string;
  stderr: string;
}

/** Writes generated/ under `root` (a directory ending in `/`), or with `check` compares and writes nothing. */
export async function generate(root: string, check: boolean): Promise<GenerateOutcome> {
  const started = performance.now();
  const files = await renderGenerated(root);
  const stale: string[] = [];
  let stderr = "";
  if (!check) await mkdir(`${root}generated`, { recursive: true });
  for (const [relative, text] of Object.entries(files)) {
    const path = `${root}${relative}`;
    const current = await readFile(path, "utf8").catch(() => undefined);
    if (current === text) continue;
    if (check) stale.push(relative);
    else await writeFile(path, text);
    // A newer twilio SDK shows here verb by verb and attribute by attribute, not as one opaque stale file.
    if (check && relative === "generated/twiml-vocabulary.json" && current !== undefined) {
      const drift = vocabularyDrift(JSON.parse(current) as TwimlVocabulary, JSON.parse(text) as TwimlVocabulary);
      if (drift.length > 0)
        stderr += `TwiML vocabulary drift (- removed, + added, ~ changed):\n  ${drift.join("\n  ")}\n`;
    }
  }
  // A file codegen no longer writes is stale too: nothing may import it by mistake.
  for (const name of await readdir(`${root}generated`).catch(() => [] as string[])) {
    const relative = `generated/${name}`;
    if (relative in files) continue;
    if (check) stale.push(`${relative} (no longer generated)`);
    else await rm(`${root}${relative}`);
  }
  if (check && stale.length > 0) {
    stderr += `generated/ is stale; run \`npm run generate\` and commit the result. Out of date: ${stale.join(", ")}\n`;
    return { code: 1, stdout: "", stderr };
  }
  const ms = (performance.now() - started).toFixed(0);
  const stdout = check
    ? `generated/ is fresh (${Object.keys(files).length} files, ${ms} ms)\n`
    : `wrote generated/ in ${ms} ms\n`;
  return { code: 0, stdout, stderr };
}

/** The command: `--check` compares instead of writing; `--root DIR` runs it on a copy of the project (a test's). */
export function generateCommand(args: string[]): Promise<GenerateOutcome> {
  const rootFlag = args.indexOf("--root");
  const root = rootFlag >= 0 ? `${resolve(args[rootFlag + 1] ?? ".")}/` : fileURLToPath(new URL("..", import.meta.url));
  return generate(root, args.includes("--check"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = await generateCommand(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
