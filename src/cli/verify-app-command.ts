// `calls-contract verify-app`: an app's webhook handlers held to the spec's webhooks, request by request, with
// verify's progress lines, table, reports and exit codes, and the walked menu drawn with --map.
import { terminalSafe } from "../safe-text.js";
import { credentialForms, scrubValue, secretScrubber } from "../secrets.js";
import {
  type AppEndpoints,
  type AppOutcome,
  renderMenuMap,
  runVerifyApp,
  type VerifyAppResult,
} from "../verify-app/index.js";
import { DEFAULT_MENU_DEPTH } from "../verify-app/limits.js";
import { renderAppReport } from "../verify-app/report.js";
import { DEFAULT_VERIFY_SECONDS, type VerifyAppFlags } from "./command-flags.js";
import { parseHttpUrl, parseNumber, parseSeconds, UsageError } from "./flags.js";
import { writeReportFile } from "./report-file.js";
import { writeReports } from "./results.js";

/** Each endpoint flag and the webhook it names. */
const ENDPOINT_FLAGS = {
  "voice-url": "voiceRequest",
  "status-callback": "statusCallback",
  "recording-status-callback": "recordingStatusCallback",
  "amd-status-callback": "asyncAmdStatusCallback",
  "sms-url": "smsRequest",
} as const;

function endpointsFrom(flags: VerifyAppFlags): AppEndpoints {
  const endpoints: AppEndpoints = {};
  for (const [flag, webhook] of Object.entries(ENDPOINT_FLAGS)) {
    const text = flags[flag as keyof typeof ENDPOINT_FLAGS];
    if (text !== undefined) endpoints[webhook] = parseHttpUrl(`--${flag}`, text).href;
  }
  if (Object.keys(endpoints).length === 0)
    throw new UsageError(
      `give at least one of the app's endpoints: ${Object.keys(ENDPOINT_FLAGS)
        .map((f) => `--${f}`)
        .join(", ")}`,
    );
  if (flags.map !== undefined && endpoints.voiceRequest === undefined)
    throw new UsageError("--map draws the menu behind the voice URL; give --voice-url too");
  return endpoints;
}

function authTokenFrom(flags: VerifyAppFlags): string {
  const token = flags["auth-token"] ?? process.env.TWILIO_AUTH_TOKEN;
  if (!token)
    throw new UsageError("give the auth token the app checks signatures with: --auth-token or TWILIO_AUTH_TOKEN");
  return token;
}

function progress(err: (text: string) => void) {
  return (o: AppOutcome, index: number, planned: number) => {
    const at = `  [${String(index).padStart(3)}/${planned}]`;
    const mark = o.passed ? "✓" : o.severity === "warning" ? "!" : "✗";
    err(`${at} ${mark} ${o.check} ${o.operation} ${o.subject}\n`);
  };
}

export async function runVerifyAppCommand(flags: VerifyAppFlags): Promise<number> {
  const endpoints = endpointsFrom(flags);
  const authToken = authTokenFrom(flags);
  const deadlineMs = parseSeconds("--timeout", flags.timeout, DEFAULT_VERIFY_SECONDS) * 1000;
  const depth = flags["max-depth"];
  const maxDepth = depth === undefined ? DEFAULT_MENU_DEPTH : parseNumber("--max-depth", depth, 0, 20);
  if (!Number.isInteger(maxDepth)) throw new UsageError(`--max-depth must be a whole number, got "${depth}"`);
  // Whatever the app sends back, no secret and no terminal control reaches the screen or a report.
  const scrub = secretScrubber(credentialForms(process.env.TWILIO_ACCOUNT_SID ?? "", authToken));
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const started = performance.now();
  err(`verifying the app's webhook handlers against the Calls spec: ${Object.values(endpoints).join(", ")}\n`);
  const raw = await runVerifyApp({
    endpoints,
    authToken,
    allowRemote: flags["allow-remote"] ?? false,
    deadlineMs,
    maxDepth,
    onOutcome: progress(err),
  });
  const seconds = (performance.now() - started) / 1000;
  // Scrubbed before anything is rendered from it; the renderers' output is scrubbed once more on the way out.
  const result = scrubValue(raw, scrub) as VerifyAppResult;
  const report = renderAppReport(result, flags.strict);
  out(report.text);
  const suite = "calls-contract verify-app";
  await writeReports(result, flags, {
    seconds,
    strict: flags.strict,
    origin: { endpoints },
    scrub,
    suite,
  });
  if (flags.map !== undefined && result.map) await writeReportFile(flags.map, scrub(renderMenuMap(result.map)));
  out(`\n${report.passed} passed, ${report.errors} failed, ${report.warnings} warned (${seconds.toFixed(1)} s)\n`);
  return report.errors > 0 || (flags.strict && report.warnings > 0) ? 1 : 0;
}
