// `calls-contract verify --replay FILE`: the failures a generated run kept, sent again to the server (by default the
// embedded stateful mock), each said to pass now or to fail still; exit 1 while any fails.
import { terminalSafe } from "../safe-text.js";
import { type ReplayFailuresResult, readFailuresFile, replayFailures } from "../verify/index.js";
import { DEFAULT_VERIFY_SECONDS, type VerifyFlags } from "./command-flags.js";
import { parseSeconds, UsageError } from "./flags.js";
import { writeReports } from "./results.js";
import { onInterrupt } from "./signals.js";
import { verifyAccounts, verifyTarget } from "./verify-target.js";

async function readFile(path: string) {
  try {
    return await readFailuresFile(path);
  } catch (error) {
    throw new UsageError(`--replay ${path}: ${(error as Error).message}`);
  }
}

export async function runReplayFailuresCommand(flags: VerifyFlags): Promise<number> {
  for (const flag of ["generate", "seed", "max-cases", "min-coverage"] as const)
    if (flags[flag] !== undefined)
      throw new UsageError(`--${flag} does not go with --replay: it sends the file's failures only`);
  if (flags.failures !== undefined)
    throw new UsageError(
      "--failures does not go with --replay: a replay keeps no failures file; its results go to --json and --junit",
    );
  const path = flags.replay ?? "";
  const file = await readFile(path);
  const usingMock = flags["base-url"] === undefined;
  const { credentials, second, scrub } = verifyAccounts(usingMock);
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const { baseUrl, mock } = await verifyTarget(flags, true, err);
  const removeHandlers = onInterrupt(async () => mock?.stop(), 130);
  const started = performance.now();
  try {
    err(`replaying ${file.failures.length} failure(s) from ${path} on ${baseUrl}\n`);
    // replayFailures masks the tokens in its result; the output is scrubbed once more on the way out.
    const result = await replayFailures(file, {
      baseUrl,
      credentials,
      ...(second ? { secondCredentials: second } : {}),
      ...(mock?.adminUrl ? { mockAdminUrl: mock.adminUrl } : {}),
      allowWrites: flags["allow-writes"],
      deadlineMs: parseSeconds("--timeout", flags.timeout, DEFAULT_VERIFY_SECONDS) * 1000,
    });
    const seconds = (performance.now() - started) / 1000;
    return await reportReplay(result, flags, { baseUrl, seconds, scrub, out });
  } finally {
    removeHandlers();
    await mock?.stop();
  }
}

async function reportReplay(
  result: ReplayFailuresResult,
  flags: VerifyFlags,
  report: { baseUrl: string; seconds: number; scrub: (text: string) => string; out: (text: string) => void },
): Promise<number> {
  const { out } = report;
  let failing = 0;
  for (const { failure, passes, outcomes } of result.results) {
    if (!passes) failing += 1;
    const what = passes ? "✓ now passes" : outcomes.length === 0 ? "? not sent" : "✗ still fails";
    out(`${what}: [${failure.check}] ${failure.operation} ${failure.subject}\n`);
    for (const o of outcomes.filter((o) => !o.passed).slice(0, 1))
      out(`    expected: ${o.expected}\n    got:      ${o.actual}\n`);
  }
  for (const s of result.skipped) out(`  not sent: ${s.subject}: ${s.reason}\n`);
  const replay = result.results.map(({ failure, passes }) => ({
    check: failure.check,
    subject: failure.subject,
    passes,
  }));
  await writeReports(result, flags, {
    seconds: report.seconds,
    strict: flags.strict,
    origin: { baseUrl: report.baseUrl, replay: flags.replay },
    extra: { replay },
    scrub: report.scrub,
  });
  out(`\n${result.results.length - failing} now pass, ${failing} still fail (${report.seconds.toFixed(1)} s)\n`);
  return failing > 0 ? 1 : 0;
}
