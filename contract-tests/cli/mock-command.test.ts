// `calls-contract mock`, run as a user runs it.
import { createServer } from "node:net";
import { describe, expect, inject, it, vi } from "vitest";
import { validateCall } from "../../src/validation/index.js";
import { alive, descendants, runCli, startCli, waitForOutput } from "../support/cli.js";
import { ACCOUNT_SID, AUTHORIZATION } from "../support/fixtures.js";

// Each test runs its own CLI process on its own port, so they run side by side.
// A CLI process loads Prism's engine in a second or two; on a busy machine several at once take far longer, and
// the time limit is a guard against a hang, not a measure of speed.
describe.concurrent("calls-contract mock", { timeout: 60_000 }, () => {
  it("serves data generated from the schemas with --dynamic, the same for the same --seed", async () => {
    const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.json`;
    const get = async (baseUrl: string) =>
      (await fetch(`${baseUrl}${path}`, { headers: { Authorization: AUTHORIZATION } })).json();
    const fetchFrom = async (args: string[]) => {
      const cli = startCli(["mock", "--port", "0", ...args]);
      try {
        const [, baseUrl = ""] = await waitForOutput(cli, /listening on (\S+)/);
        return await get(baseUrl);
      } finally {
        cli.kill("SIGTERM");
      }
    };
    const [seeded, again] = await Promise.all(
      [
        ["--dynamic", "--seed", "7"],
        ["--dynamic", "--seed", "7"],
      ].map(fetchFrom),
    );
    // Without --dynamic the mock serves the spec's example: the run's shared mock is that mock, already started.
    const example = await get(inject("mockUrl"));
    expect(again).toEqual(seeded);
    expect(seeded).not.toEqual(example);
    expect(validateCall(seeded).violations).toEqual([]);
  });

  it("prints its usage for --help after a command", async () => {
    const result = await runCli(["verify", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("calls-contract verify [--base-url URL]");
  });

  // A user's whole session with the mock: the base URL it prints responds, and a stop signal closes it. One handler
  // serves both signals and both kinds of mock (src/cli/signals.ts), so each signal is shown once: SIGINT with the
  // stateful mock, which starts in a fifth of the CPU a static one takes to load Prism's engine.
  it.each([
    ["SIGTERM", ["mock", "--port", "0"]],
    ["SIGINT", ["mock", "--port", "0", "--stateful"]],
  ] as const)("serves at the base URL it prints, then closes its port and exits 0 on %s (%j)", async (signal, args) => {
    const cli = startCli([...args]);
    try {
      const [, baseUrl = ""] = await waitForOutput(cli, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const response = await fetch(`${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
        headers: { Authorization: AUTHORIZATION },
      });
      expect(response.status).toBe(200);
      cli.kill(signal);
      const code = await new Promise((resolve) => cli.once("exit", resolve));
      expect(code).toBe(0);
      await expect(fetch(baseUrl)).rejects.toThrow();
    } finally {
      // A failed step above must not leave the mock running past the test.
      if (cli.exitCode === null && cli.signalCode === null) cli.kill("SIGKILL");
    }
  });

  // A Prism start costs seconds of CPU, so the child's clean-up is shown here once, with the signal process managers
  // send; a SIGKILL of the CLI and of Prism itself are in mock-prism.slow.ts.
  it("with --prism-only, stops its Prism child and exits 0 on SIGTERM, leaving no process behind", async () => {
    const cli = startCli(["mock", "--port", "0", "--prism-only"]);
    await waitForOutput(cli, /listening on/);
    const prism = descendants(cli.pid!);
    expect(prism.length).toBeGreaterThan(0);
    cli.kill("SIGTERM");
    const code = await new Promise((resolve) => cli.once("exit", resolve));
    expect(code).toBe(0);
    await vi.waitFor(() => expect(prism.filter(alive)).toEqual([]), { timeout: 5000 });
  });

  it("with --stateful, prints where the inspector and the admin API are, and keeps a created call", async () => {
    const cli = startCli(["mock", "--port", "0", "--stateful", "--clock", "manual", "--seed", "s1"]);
    try {
      const [, baseUrl = ""] = await waitForOutput(cli, /listening on (\S+)/);
      const [, inspector] = await waitForOutput(cli, /Inspector: (\S+)/);
      expect(inspector).toBe(`${baseUrl}/__mock/`);
      const calls = `${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls`;
      const created = await fetch(`${calls}.json`, {
        method: "POST",
        headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ To: "+15005550006", From: "+15005550006", Url: "https://example.com/twiml" }),
      });
      expect(created.status).toBe(201);
      const { sid } = (await created.json()) as { sid: string };
      const fetched = await fetch(`${calls}/${sid}.json`, { headers: { Authorization: AUTHORIZATION } });
      expect(await fetched.json()).toMatchObject({ sid, status: "queued" });
    } finally {
      cli.kill("SIGKILL");
    }
  });

  // With --clock manual no call ever ends, so the bounds are reached by the second create.
  it.each([
    ["--max-calls", "across all accounts (maxCalls)"],
    ["--max-calls-per-account", "per account"],
  ])("with --stateful %s 1, refuses a second live call with 429", async (flag, bound) => {
    const cli = startCli(["mock", "--port", "0", "--stateful", "--clock", "manual", flag, "1"]);
    try {
      const [, baseUrl = ""] = await waitForOutput(cli, /listening on (\S+)/);
      const create = () =>
        fetch(`${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
          method: "POST",
          headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ To: "+15005550006", From: "+15005550006", Url: "https://example.com/twiml" }),
        });
      expect((await create()).status).toBe(201);
      const refused = await create();
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { message: string }).message).toContain(`at most 1 calls ${bound}`);
    } finally {
      cli.kill("SIGKILL");
    }
  });

  it("exits 2 with a clear message when the port is taken", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as { port: number };
    try {
      const result = await runCli(["mock", "--port", String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      holder.close();
    }
  });

  it.each([
    [["mock", "--port", "70000"], '--port must be a whole number from 0 to 65535, got "70000"'],
    [["mock", "--host", "0.0.0.0"], "--host must be a loopback address"],
    [["mock", "--colour"], "Unknown option '--colour'"],
    [["serve"], 'unknown command "serve"'],
    [["mock", "--clock", "manual"], "--clock applies to the stateful mock only; add --stateful"],
    [["mock", "--stateful", "--clock", "fast"], '--clock must be real or manual, got "fast"'],
    [["mock", "--stateful", "--time-scale", "0"], '--time-scale must be a number from 0.001 to 100000, got "0"'],
    [["mock", "--stateful", "--clock", "manual", "--time-scale", "10"], "cannot be combined with --clock manual"],
    [["mock", "--stateful", "--prism-only"], "--prism-only cannot be combined with --stateful"],
    [
      ["mock", "--stateful", "--calls-per-second", "many"],
      '--calls-per-second must be a number from 0.01 to 10000, got "many"',
    ],
    [["mock", "--max-calls", "5"], "--max-calls applies to the stateful mock only; add --stateful"],
    [["mock", "--stateful", "--max-calls", "0"], '--max-calls must be a whole number of calls of at least 1, got "0"'],
    [
      ["mock", "--stateful", "--max-calls-per-account", "1.5"],
      '--max-calls-per-account must be a whole number of calls of at least 1, got "1.5"',
    ],
  ])("rejects %j with exit 2 and names the problem", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
