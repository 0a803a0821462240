// `calls-contract proxy`: runs the recording proxy until Ctrl-C or SIGTERM, then judges the recording as
// `verify --har` would (the same code, the same file) and prints the table, the failures and the coverage.
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHarWriter } from "../har/writer.js";
import { startProxy } from "../proxy/index.js";
import { terminalSafe } from "../safe-text.js";
import { replayHar } from "../verify/replay.js";
import { DEFAULT_PROXY_PORT, type ProxyFlags } from "./command-flags.js";
import { environmentSecrets } from "./environment-secrets.js";
import { parseHttpUrl, parseLoopbackHost, parsePercent, parsePort, UsageError } from "./flags.js";
import { packageVersion } from "./package-version.js";
import { reportRecording } from "./recording-report.js";
import { nextStopSignal } from "./signals.js";

function callbackOptions(flags: ProxyFlags) {
  if (flags["callbacks-to"] === undefined) {
    if (flags["public-url"] !== undefined) throw new UsageError("--public-url goes with --callbacks-to");
    return undefined;
  }
  const authToken = process.env.TWILIO_AUTH_TOKEN;
  if (!authToken) throw new UsageError("--callbacks-to needs TWILIO_AUTH_TOKEN to check X-Twilio-Signature");
  const appUrl = parseHttpUrl("--callbacks-to", flags["callbacks-to"]);
  const publicUrl = flags["public-url"] === undefined ? undefined : parseHttpUrl("--public-url", flags["public-url"]);
  return { appUrl, authToken, ...(publicUrl ? { publicUrl } : {}) };
}

export async function runProxyCommand(flags: ProxyFlags): Promise<number> {
  if (flags.target === undefined) throw new UsageError("--target is required: the base URL requests go on to");
  const target = parseHttpUrl("--target", flags.target);
  const host = parseLoopbackHost("--host", flags.host);
  const port = parsePort("--port", flags.port, DEFAULT_PROXY_PORT);
  const minCoverage = parsePercent("--min-coverage", flags["min-coverage"]);
  const callbacks = callbackOptions(flags);
  const secrets = environmentSecrets();
  // Without --har the recording still goes to disk (memory stays bounded), to a file removed at exit.
  const harPath = flags.har ?? join(tmpdir(), `calls-contract-proxy-${process.pid}-${Date.now()}.har`);
  const writer = await openHarWriter(harPath, { name: "calls-contract proxy", version: packageVersion() });
  let scrub = (text: string) => text;
  const err = (text: string) => process.stderr.write(terminalSafe(scrub(text)));
  const out = (text: string) => process.stdout.write(terminalSafe(scrub(text)));
  const stopped = nextStopSignal();
  const proxy = await startProxy({
    target,
    host,
    port,
    writer,
    enforce: flags.enforce,
    ...(callbacks ? { callbacks } : {}),
    secrets,
    log: (line) => err(`${line}\n`),
  }).catch(async (error: Error) => {
    await writer.close();
    if (!flags.har) await rm(harPath, { force: true });
    throw new UsageError(`could not listen on ${host}:${port}: ${error.message}`);
  });
  scrub = proxy.scrub;
  const mode = flags.enforce ? "; requests that break the contract are refused (--enforce)" : "";
  out(`calls-contract proxy listening on ${proxy.baseUrl}, forwarding to ${target.href.replace(/\/$/, "")}${mode}\n`);
  if (callbacks)
    out(`callbacks: ${proxy.baseUrl}/callbacks/<status|recording|amd|voice> go on to ${callbacks.appUrl.href}\n`);
  const signal = await stopped;
  err(`\n${signal}: stopping; ${proxy.recorder.exchanges} exchange(s) recorded\n`);
  const started = performance.now();
  await proxy.close();
  try {
    const result = await replayHar(harPath);
    if (flags.har) out(`\nrecorded ${result.exchanges} exchange(s) to ${flags.har}\n`);
    return await reportRecording(result, flags, {
      out,
      scrub,
      seconds: (performance.now() - started) / 1000,
      minCoverage,
      origin: { target: target.href, ...(flags.har ? { har: flags.har } : {}), exchanges: result.exchanges },
      suite: "calls-contract proxy",
    });
  } finally {
    if (!flags.har) await rm(harPath, { force: true });
  }
}
