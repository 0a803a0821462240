// `calls-contract verify`: a server (by default the mock, started here) held to the spec, request by request.
import { type RunningMock, startMock } from "../mock/index.js";
import { terminalSafe } from "../safe-text.js";
import { credentialForms, scrubValue, secretScrubber } from "../secrets.js";
import { type CheckOutcome, runVerify, type VerifyResult } from "../verify/index.js";
import { DEFAULT_VERIFY_SECONDS, type VerifyFlags } from "./command-flags.js";
import { parseHttpUrl, parseSeconds, UsageError } from "./flags.js";
import { printResult, writeReports } from "./results.js";
import { onInterrupt } from "./signals.js";

// Twilio's test-credential shapes; the mock checks only that credentials are present.
const MOCK_ACCOUNT_SID = "AC00000000000000000000000000000000";
const MOCK_AUTH_TOKEN = "calls-contract-mock-token";

function credentialsFor(usingMock: boolean) {
  const accountSid = process.env.TWILIO_ACCOUNT_SID ?? (usingMock ? MOCK_ACCOUNT_SID : undefined);
  const authToken = process.env.TWILIO_AUTH_TOKEN ?? (usingMock ? MOCK_AUTH_TOKEN : undefined);
  if (!accountSid || !authToken) {
    throw new UsageError("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to verify a server given with --base-url");
  }
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new UsageError(
      `TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits, got ${accountSid.length} characters ` +
        `starting "${accountSid.slice(0, 2)}"`,
    );
  }
  return { accountSid, authToken };
}

export async function runVerifyCommand(flags: VerifyFlags): Promise<number> {
  const usingMock = flags["base-url"] === undefined;
  const credentials = credentialsFor(usingMock);
  const deadlineMs = parseSeconds("--timeout", flags.timeout, DEFAULT_VERIFY_SECONDS) * 1000;
  // Whatever a server sends back, no secret and no terminal control reaches the screen or a report.
  const scrub = secretScrubber(credentialForms(credentials.accountSid, credentials.authToken));
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  let mock: RunningMock | undefined;
  let baseUrl: string;
  if (usingMock) {
    err("starting the embedded mock (Prism)…\n");
    mock = await startMock();
    baseUrl = mock.baseUrl;
  } else {
    baseUrl = parseHttpUrl("--base-url", flags["base-url"] ?? "").href.replace(/\/+$/, "");
  }
  const removeHandlers = onInterrupt(async () => mock?.stop(), 130);
  const started = performance.now();
  try {
    err(`verifying ${baseUrl} against the Calls spec\n`);
    const raw = await runVerify({
      baseUrl,
      credentials,
      allowWrites: flags["allow-writes"],
      deadlineMs,
      onOutcome: (o: CheckOutcome, index, total) => {
        const at = `  [${String(index).padStart(3)}/${total}]`;
        const perRequest = ["accepts-valid-request", "rejects-invalid-request", "requires-auth"].includes(o.check);
        if (perRequest) err(`${at} ${o.passed ? "✓" : "✗"} ${o.operation} ${o.subject}\n`);
        else if (!o.passed)
          err(`${at} ${o.severity === "warning" ? "!" : "✗"} ${o.check} ${o.operation} ${o.subject}\n`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    // Scrubbed before anything is rendered from it; the renderers' output is scrubbed once more on the way out.
    const result = scrubValue(raw, scrub) as VerifyResult;
    const { errors, warnings, passed } = printResult(result, out, flags.strict);
    await writeReports(result, flags, { seconds, strict: flags.strict, origin: { baseUrl }, scrub });
    out(`\n${passed} passed, ${errors} failed, ${warnings} warned (${seconds.toFixed(1)} s)\n`);
    return errors > 0 || (flags.strict && warnings > 0) ? 1 : 0;
  } finally {
    removeHandlers();
    await mock?.stop();
  }
}
