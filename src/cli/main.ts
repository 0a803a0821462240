#!/usr/bin/env node
// calls-contract: `mock` serves the spec on loopback; `verify` holds a server (by default that mock) or a recording
// to the spec; `proxy` records and checks an app's traffic with a server.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError } from "./flags.js";
import { runMockCommand } from "./mock-command.js";
import { runProxyCommand } from "./proxy-command.js";
import { runReplayCommand } from "./replay-command.js";
import { runVerifyCommand } from "./verify-command.js";

const HELP = `calls-contract: Twilio's Calls API as a strict contract

Usage:
  calls-contract mock   [--host 127.0.0.1] [--port 4010] [--dynamic] [--seed N]
  calls-contract verify [--base-url URL] [--junit FILE] [--json FILE] [--allow-writes] [--strict]
                        [--timeout SECONDS]
  calls-contract verify --har FILE [--junit FILE] [--json FILE] [--strict] [--min-coverage PERCENT]
  calls-contract proxy  --target URL [--host 127.0.0.1] [--port 4011] [--har FILE] [--junit FILE]
                        [--json FILE] [--enforce] [--strict] [--min-coverage PERCENT]
                        [--callbacks-to URL [--public-url URL]]

mock     serves the spec with Prism on loopback until Ctrl-C
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
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version") {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
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
      },
    });
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
    if (values.har !== undefined) return runReplayCommand(values);
    if (values["min-coverage"] !== undefined)
      throw new UsageError("--min-coverage needs --har: coverage is measured on recorded traffic");
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
    return runProxyCommand(values);
  }
  throw new UsageError(`unknown command "${command}"; use mock, verify or proxy (see --help)`);
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
