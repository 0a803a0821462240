// `calls-contract verify --har FILE`: recorded traffic judged offline by today's spec, with its coverage.
import { HarReadError } from "../har/reader.js";
import { terminalSafe } from "../safe-text.js";
import { replayHar } from "../verify/replay.js";
import type { VerifyFlags } from "./command-flags.js";
import { environmentScrubber } from "./environment-secrets.js";
import { parsePercent, UsageError } from "./flags.js";
import { reportRecording } from "./recording-report.js";

export async function runReplayCommand(flags: VerifyFlags): Promise<number> {
  const path = flags.har ?? "";
  for (const flag of ["base-url", "allow-writes", "timeout"] as const) {
    if (flags[flag] !== undefined)
      throw new UsageError(`--${flag} does not go with --har: a replay reads the file and sends nothing`);
  }
  const minCoverage = parsePercent("--min-coverage", flags["min-coverage"]);
  const scrub = environmentScrubber();
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const started = performance.now();
  err(`replaying ${path} against the Calls spec\n`);
  const result = await replayHar(path).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof HarReadError || error.code === "ENOENT")
      throw new UsageError(`--har ${path}: ${error.message}`);
    throw error;
  });
  if (result.truncated) err(`warning: ${result.truncated}\n`);
  return reportRecording(result, flags, {
    out,
    scrub,
    seconds: (performance.now() - started) / 1000,
    minCoverage,
    origin: { har: path, exchanges: result.exchanges },
  });
}
