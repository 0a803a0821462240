#!/usr/bin/env node
// calls-contract: `mock` serves the spec on loopback; `verify` holds a server (by default that mock) or a recording
// to the spec; `proxy` records and checks an app's traffic with a server; `twiml` checks a TwiML document. This
// module handles --help and --version and hands the rest to the command table (commands.ts).
import { runCommand } from "./commands.js";
import { HELP } from "./help.js";
import { packageVersion } from "./package-version.js";

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
  return runCommand(command, rest);
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
