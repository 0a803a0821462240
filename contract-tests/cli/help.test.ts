// The help text against the flag tables the commands are parsed with: every flag a command takes is in its usage,
// and the flags shared by several commands say what they mean in each.
import { describe, expect, it } from "vitest";
import { MOCK_FLAGS, PROXY_FLAGS, TWIML_FLAGS, VERIFY_FLAGS } from "../../src/cli/command-flags.js";
import { HELP } from "../../src/cli/help.js";

function usageOf(command: string): string {
  const lines = HELP.split("\n");
  const start = lines.indexOf("Usage:") + 1;
  const usage = lines.slice(start, lines.indexOf("", start));
  // A command's usage is its own lines and the continuation lines that follow them.
  const own: string[] = [];
  let current = "";
  for (const line of usage) {
    const named = line.match(/^ {2}calls-contract (\w+)/)?.[1];
    if (named) current = named;
    if (current === command) own.push(line);
  }
  return own.join("\n");
}

describe("calls-contract --help", () => {
  it.each([
    ["mock", MOCK_FLAGS],
    ["verify", VERIFY_FLAGS],
    ["proxy", PROXY_FLAGS],
    ["twiml", TWIML_FLAGS],
  ] as const)("lists every flag %s takes in its usage", (command, flags) => {
    const usage = usageOf(command);
    for (const flag of Object.keys(flags)) expect(usage, flag).toContain(`--${flag}`);
  });

  it("says which command reads --har and which writes it", () => {
    expect(HELP).toContain("verify --har reads one, proxy --har writes one");
  });
});
