#!/usr/bin/env node
// calls-contract: `mock` serves the spec on loopback; `verify` holds a server (by default that mock) or a recording
// to the spec; `proxy` records and checks an app's traffic with a server; `twiml` checks a TwiML document.
import { parseArgs } from "node:util";
import { UsageError } from "./flags.js";
import { packageVersion } from "./package-version.js";

const HELP = `calls-contract: Twilio's Calls API as a strict contract

Usage:
  calls-contract mock   [--host 127.0.0.1] [--port 4010] [--dynamic] [--seed N] [--prism-only]
  calls-contract mock   --stateful [--clock real|manual] [--time-scale N] [--calls-per-second N]
                        [--check-answers] [--seed N] [--host H] [--port P]
  calls-contract verify [--base-url URL] [--junit FILE] [--json FILE] [--allow-writes] [--strict]
                        [--timeout SECONDS]
  calls-contract verify --har FILE [--junit FILE] [--json FILE] [--strict] [--min-coverage PERCENT]
  calls-contract proxy  --target URL [--host 127.0.0.1] [--port 4011] [--har FILE] [--junit FILE]
                        [--json FILE] [--enforce] [--strict] [--min-coverage PERCENT]
                        [--callbacks-to URL [--public-url URL]]
  calls-contract twiml  <file | URL | -> [--kind voice|messaging] [--method GET|POST] [--data FORM]
                        [--json]

mock     serves the spec on loopback until Ctrl-C: Prism's engine behind strict request checks.
         --stateful keeps calls, which move through Twilio's lifecycle on a clock (real, sped up
         by --time-scale, or manual: moved by the admin API); inspector page at /__mock/.
         --prism-only serves bare Prism, without the checks, for comparison.
verify   checks a server against the spec; without --base-url it starts the mock itself.
         Credentials: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (test values for the mock).
         --timeout limits the whole run (default 300 s); each request waits at most 15 s,
         and after 3 requests in a row without an answer the rest are not sent.
         With --har it sends nothing: it judges the exchanges recorded in a HAR 1.2 file with
         the same checks (one per exchange and check) and prints what of the spec they covered.
         --min-coverage fails the run when the mean of the four coverage shares (operations,
         parameters, enum values, status codes) is below PERCENT.
         Exits 0 when no check fails (warnings alone pass), 1 on an error, or on a warning
         with --strict, or below --min-coverage, 2 on a usage or start-up error.
proxy    passes every request on to --target and every answer back unchanged, checking both
         against the spec and recording each exchange (secrets redacted) to --har. It never
         blocks unless --enforce, which answers a request that breaks the contract with
         Twilio's 400 and does not pass it on. With --callbacks-to (and TWILIO_AUTH_TOKEN) it
         also takes Twilio's callbacks under /callbacks/status, /recording, /amd and /voice,
         checks their signature and fields, and passes them on to the app's URL. On Ctrl-C or
         SIGTERM it prints the table and the coverage, writes the reports, and exits as verify.
twiml    checks a TwiML document: a file, standard input (-), or what a URL on this machine
         answers (asked for as Twilio asks, by POST unless --method GET, with --data as its
         form fields; redirects are not followed). Prints each error and warning with its
         line, column and element path. Exits 0 when there is no error (warnings alone pass),
         1 on an error, 2 on a usage error or a source it cannot read.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === "mock") {
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        dynamic: { type: "boolean" },
        seed: { type: "string" },
        stateful: { type: "boolean" },
        clock: { type: "string" },
        "time-scale": { type: "string" },
        "calls-per-second": { type: "string" },
        "check-answers": { type: "boolean" },
        "prism-only": { type: "boolean" },
      },
    });
    // Each command loads only what it runs, so that a usage mistake is answered at once.
    const { runMockCommand } = await import("./mock-command.js");
    return runMockCommand(values);
  }
  if (command === "verify") {
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        "base-url": { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        "allow-writes": { type: "boolean" },
        strict: { type: "boolean" },
        timeout: { type: "string" },
        har: { type: "string" },
        "min-coverage": { type: "string" },
      },
    });
    if (values.har !== undefined) {
      const { runReplayCommand } = await import("./replay-command.js");
      return runReplayCommand(values);
    }
    if (values["min-coverage"] !== undefined)
      throw new UsageError("--min-coverage needs --har: coverage is measured on recorded traffic");
    const { runVerifyCommand } = await import("./verify-command.js");
    return runVerifyCommand(values);
  }
  if (command === "proxy") {
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        target: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        har: { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        enforce: { type: "boolean" },
        strict: { type: "boolean" },
        "min-coverage": { type: "string" },
        "callbacks-to": { type: "string" },
        "public-url": { type: "string" },
      },
    });
    const { runProxyCommand } = await import("./proxy-command.js");
    return runProxyCommand(values);
  }
  if (command === "twiml") {
    const { values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        kind: { type: "string" },
        method: { type: "string" },
        data: { type: "string" },
        json: { type: "boolean" },
      },
    });
    if (positionals.length > 1) throw new UsageError(`twiml checks one source at a time, got ${positionals.length}`);
    // Loaded only for this command, so that mock and verify start exactly as fast as before it existed.
    const { runTwimlCommand } = await import("./twiml-command.js");
    return runTwimlCommand(positionals[0], values);
  }
  throw new UsageError(`unknown command "${command}"; use mock, verify, proxy or twiml (see --help)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    // Usage mistakes (UsageError, node's ERR_PARSE_ARGS_*) and start-up failures (a taken port, Prism dying) alike:
    // exit 2, so that 1 always means "the server broke the contract".
    process.stderr.write(`calls-contract: ${error.message}\n`);
    process.exitCode = 2;
  },
);
