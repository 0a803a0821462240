// `calls-contract verify`: a server (by default the mock, started here) held to the spec, request by request; with
// --generate, then the coverage, fuzz and stateful phases, their failures printed with curl lines and kept for
// `verify --replay`.
import { access, constants, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { terminalSafe } from "../safe-text.js";
import { renderCoverage } from "../verify/coverage.js";
import { leastMaxCases } from "../verify/generate/run.js";
import {
  type CheckOutcome,
  DEFAULT_FAILURES_FILE,
  type ReplayableFailure,
  runVerify,
  type VerifyResult,
  writeFailuresFile,
} from "../verify/index.js";
import { DEFAULT_MAX_CASES, DEFAULT_VERIFY_SECONDS, MOST_CASES, type VerifyFlags } from "./command-flags.js";
import { coverageVerdict } from "./coverage-verdict.js";
import { parsePercent, parseSeconds, parseWholeNumber, UsageError } from "./flags.js";
import { printResult, writeReports } from "./results.js";
import { onInterrupt } from "./signals.js";
import { runReplayFailuresCommand } from "./verify-replay-command.js";
import { verifyAccounts, verifyTarget } from "./verify-target.js";

function generateOptions(flags: VerifyFlags) {
  if (!flags.generate) {
    for (const flag of ["seed", "max-cases"] as const)
      if (flags[flag] !== undefined) throw new UsageError(`--${flag} needs --generate`);
    return undefined;
  }
  const seed = flags.seed === undefined ? undefined : parseWholeNumber("--seed", flags.seed, 0, 2 ** 31 - 1);
  const least = leastMaxCases();
  const maxCases =
    flags["max-cases"] === undefined
      ? DEFAULT_MAX_CASES
      : parseWholeNumber(
          "--max-cases",
          flags["max-cases"],
          least,
          MOST_CASES,
          `the ${least} form cases every run sends`,
        );
  return { ...(seed === undefined ? {} : { seed }), maxCases };
}

/**
 * Refuses a --failures path that cannot be written (a folder, a folder that is a file, one not writable) before
 * anything is sent: a long run must not end unable to keep what it found.
 */
async function checkFailuresPath(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) throw new UsageError(`--failures must name a file to write, got the folder "${path}"`);
  let folder = found ? path : dirname(resolve(path));
  if (!found) {
    // The nearest folder that exists: the rest are made when the file is written.
    let info = await stat(folder).catch(() => undefined);
    while (!info && dirname(folder) !== folder) {
      folder = dirname(folder);
      info = await stat(folder).catch(() => undefined);
    }
    if (!info?.isDirectory()) throw new UsageError(`--failures cannot be written: "${folder}" is a file, not a folder`);
  }
  await access(folder, constants.W_OK).catch(() => {
    throw new UsageError(`--failures cannot be written: "${folder}" is not writable`);
  });
}

/** Each failure to act on: what was expected and got, how many it stands for, and the curl line(s) that reproduce it. */
export function printFindings(failures: ReplayableFailure[], out: (text: string) => void): void {
  if (failures.length === 0) return;
  out(`\n${failures.length} finding(s) to reproduce (credentials from $TWILIO_ACCOUNT_SID and $TWILIO_AUTH_TOKEN):\n`);
  for (const f of failures) {
    const more = f.standsFor > 1 ? ` (and ${f.standsFor - 1} more like it)` : "";
    out(`✗ [${f.check}] ${f.operation} ${f.subject}${more}\n    expected: ${f.expected}\n    got:      ${f.actual}\n`);
    for (const line of f.curl) out(`    ${line}\n`);
  }
}

const progress = (err: (text: string) => void) => (o: CheckOutcome, index: number, total: number) => {
  const at = `  [${String(index).padStart(3)}/${total}]`;
  const perRequest = ["accepts-valid-request", "rejects-invalid-request", "requires-auth"].includes(o.check);
  if (perRequest && !o.passed) err(`${at} ✗ ${o.operation} ${o.subject}\n`);
  else if (perRequest && total <= 200) err(`${at} ✓ ${o.operation} ${o.subject}\n`);
  else if (!o.passed) err(`${at} ${o.severity === "warning" ? "!" : "✗"} ${o.check} ${o.operation} ${o.subject}\n`);
};

export async function runVerifyCommand(flags: VerifyFlags): Promise<number> {
  if (flags.replay !== undefined) return runReplayFailuresCommand(flags);
  const generate = generateOptions(flags);
  if (generate || flags.failures !== undefined) await checkFailuresPath(flags.failures ?? DEFAULT_FAILURES_FILE);
  const minCoverage = parsePercent("--min-coverage", flags["min-coverage"]);
  const usingMock = flags["base-url"] === undefined;
  const { credentials, second, scrub } = verifyAccounts(usingMock);
  const deadlineMs = parseSeconds("--timeout", flags.timeout, DEFAULT_VERIFY_SECONDS) * 1000;
  // Whatever a server sends back, no secret and no terminal control reaches the screen or a report.
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const { baseUrl, mock } = await verifyTarget(flags, generate !== undefined, err);
  const removeHandlers = onInterrupt(async () => mock?.stop(), 130);
  const started = performance.now();
  try {
    err(`verifying ${baseUrl} against the Calls spec\n`);
    const result = await runVerify({
      baseUrl,
      credentials,
      ...(second ? { secondCredentials: second } : {}),
      ...(generate ? { generate } : {}),
      // The embedded mock is told the accounts' tokens, so that it refuses a wrong one as Twilio does.
      ...(mock?.adminUrl ? { mockAdminUrl: mock.adminUrl } : {}),
      allowWrites: flags["allow-writes"],
      deadlineMs,
      onOutcome: progress(err),
    });
    const seconds = (performance.now() - started) / 1000;
    // runVerify masked the tokens in its result; the renderers' output is scrubbed once more on the way out.
    return await reportRun(result, flags, { baseUrl, seconds, scrub, out, minCoverage });
  } finally {
    removeHandlers();
    await mock?.stop();
  }
}

interface RunReport {
  baseUrl: string;
  seconds: number;
  scrub: (text: string) => string;
  out: (text: string) => void;
  minCoverage: number | undefined;
}

async function reportRun(result: VerifyResult, flags: VerifyFlags, report: RunReport): Promise<number> {
  const { out, seconds, baseUrl } = report;
  const { errors, warnings, passed } = printResult(result, out, flags.strict);
  // The failure groups above hold the details; the findings add what reproduces each (generated runs, --failures).
  if (result.generated || flags.failures !== undefined) printFindings(result.failures, out);
  let coverageMet = true;
  if (result.generated) {
    out(`\n${renderCoverage(result.generated.coverage)}\n`);
    const verdict = coverageVerdict(result.generated.coverage, report.minCoverage);
    coverageMet = verdict.met;
    out(
      `${verdict.line}\nseed ${result.generated.seed}: pass --seed ${result.generated.seed} to send the same cases\n`,
    );
  }
  // The reports first: a failures file that cannot be written after all must not cost them.
  const extra = { failures: result.failures, ...(result.generated ? { generated: result.generated } : {}) };
  await writeReports(result, flags, { seconds, strict: flags.strict, origin: { baseUrl }, extra, scrub: report.scrub });
  if (result.generated || flags.failures !== undefined) {
    const path = flags.failures ?? DEFAULT_FAILURES_FILE;
    const seed = result.generated?.seed;
    await writeFailuresFile(path, { baseUrl, ...(seed === undefined ? {} : { seed }), failures: result.failures });
    if (result.failures.length > 0) out(`\nfailures kept in ${path}: calls-contract verify --replay ${path}\n`);
  }
  out(`\n${passed} passed, ${errors} failed, ${warnings} warned (${seconds.toFixed(1)} s)\n`);
  return errors > 0 || (flags.strict && warnings > 0) || !coverageMet ? 1 : 0;
}
