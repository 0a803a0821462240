// The commands, one entry each: parse the command's flags with its table, then load and run its module. Each module
// is loaded only for its command, so that a usage mistake is reported at once and `mock` and `verify` start without
// loading what the others need.
import { parseArgs } from "node:util";
import { MOCK_FLAGS, PROXY_FLAGS, TWIML_FLAGS, VERIFY_APP_FLAGS, VERIFY_FLAGS } from "./command-flags.js";
import { UsageError } from "./flags.js";

type Command = (args: string[]) => Promise<number>;
type FlagTable = Record<string, { type: "string" | "boolean" }>;

/**
 * A flag that takes a value given a negative number (`--seed -1`) is read as `--seed=-1`: parseArgs would take the
 * value for a flag and refuse it with a message about dashes, where the command's own reader names the range.
 */
function withNegativeValues(args: string[], options: FlagTable): string[] {
  const read: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const takesValue = arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      read.push(`${arg}=${next}`);
      i += 1;
    } else read.push(arg);
  }
  return read;
}

// `twiml --json` once printed JSON without taking a value; --json now names a report file, as in verify and proxy.
function refuseBareJson(args: string[]): void {
  const at = args.indexOf("--json");
  if (at === -1) return;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("-"))
    throw new UsageError(
      "--json takes the FILE to write the JSON report to; for JSON on standard output use --format json",
    );
}

const COMMANDS: Record<string, Command> = {
  async mock(args) {
    const { values } = parseArgs({ args: withNegativeValues(args, MOCK_FLAGS), strict: true, options: MOCK_FLAGS });
    const { runMockCommand } = await import("./mock-command.js");
    return runMockCommand(values);
  },
  async verify(args) {
    const { values } = parseArgs({ args: withNegativeValues(args, VERIFY_FLAGS), strict: true, options: VERIFY_FLAGS });
    if (values.har !== undefined) {
      for (const flag of ["generate", "seed", "max-cases", "failures", "replay"] as const)
        if (values[flag] !== undefined)
          throw new UsageError(`--${flag} does not go with --har: a replay sends nothing`);
      const { runReplayCommand } = await import("./replay-command.js");
      return runReplayCommand(values);
    }
    if (values["min-coverage"] !== undefined && !values.generate)
      throw new UsageError("--min-coverage needs --har or --generate: coverage is measured on what was sent");
    const { runVerifyCommand } = await import("./verify-command.js");
    return runVerifyCommand(values);
  },
  async "verify-app"(args) {
    const { values } = parseArgs({
      args: withNegativeValues(args, VERIFY_APP_FLAGS),
      strict: true,
      options: VERIFY_APP_FLAGS,
    });
    const { runVerifyAppCommand } = await import("./verify-app-command.js");
    return runVerifyAppCommand(values);
  },
  async proxy(args) {
    const { values } = parseArgs({ args: withNegativeValues(args, PROXY_FLAGS), strict: true, options: PROXY_FLAGS });
    const { runProxyCommand } = await import("./proxy-command.js");
    return runProxyCommand(values);
  },
  async twiml(args) {
    refuseBareJson(args);
    const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: TWIML_FLAGS });
    if (positionals.length > 1) throw new UsageError(`twiml checks one source at a time, got ${positionals.length}`);
    const { runTwimlCommand } = await import("./twiml-command.js");
    return runTwimlCommand(positionals[0], values);
  },
};

/** Runs the command `name` with its arguments; an unknown name is a UsageError that lists the known ones. */
export async function runCommand(name: string, args: string[]): Promise<number> {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    const names = Object.keys(COMMANDS);
    throw new UsageError(
      `unknown command "${name}"; use ${names.slice(0, -1).join(", ")} or ${names.at(-1)} (see --help)`,
    );
  }
  return command(args);
}
