// `calls-contract mock --prism-only` when something is killed outright: the CLI (Prism must go with it) or Prism (the
// CLI must say so and exit 1). Each starts Prism, seconds of CPU, so they run in the slow lane; the SIGTERM case is in
// mock-command.test.ts.
import { describe, expect, it, vi } from "vitest";
import { alive, descendants, finished, startCli, waitForOutput } from "../support/cli.js";

describe.concurrent("calls-contract mock --prism-only, killed", { timeout: 60_000 }, () => {
  it("with --prism-only, takes Prism down with it even when killed outright", async () => {
    const cli = startCli(["mock", "--port", "0", "--prism-only"]);
    await waitForOutput(cli, /listening on/);
    const prism = descendants(cli.pid!);
    expect(prism.length).toBeGreaterThan(0);
    cli.kill("SIGKILL");
    await vi.waitFor(() => expect(prism.filter(alive)).toEqual([]), { timeout: 5000 });
  });

  it("with --prism-only, exits 1 and says so when Prism dies under it", async () => {
    const cli = startCli(["mock", "--port", "0", "--prism-only"]);
    try {
      await waitForOutput(cli, /listening on/);
      for (const pid of descendants(cli.pid!)) process.kill(pid, "SIGKILL");
      expect(await finished(cli)).toBe(1);
      expect(cli.output().stderr).toContain("the mock (Prism) exited unexpectedly (SIGKILL)");
    } finally {
      if (cli.exitCode === null && cli.signalCode === null) cli.kill("SIGKILL");
    }
  });
});
