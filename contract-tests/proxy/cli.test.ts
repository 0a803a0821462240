// `calls-contract proxy` flags: what it refuses before it starts (exit 2), and --min-coverage on exit.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { ACCOUNT_SID, AUTHORIZATION, queuedCall } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";
import { startProxyCli } from "../support/proxy.js";

describe("calls-contract proxy flags", () => {
  it.each([
    [["proxy"], /--target is required/],
    [["proxy", "--target", "ftp://example.invalid"], /--target must use http or https, got "ftp:"/],
    [["proxy", "--target", "https://sid:token@api.twilio.invalid"], /--target must not hold credentials/],
    [["proxy", "--target", "http://127.0.0.1:1", "--host", "0.0.0.0"], /--host must be a loopback address/],
    [["proxy", "--target", "http://127.0.0.1:1", "--callbacks-to", "http://127.0.0.1:2"], /needs TWILIO_AUTH_TOKEN/],
    [
      ["proxy", "--target", "http://127.0.0.1:1", "--public-url", "https://x.invalid"],
      /--public-url goes with --callbacks-to/,
    ],
    [["proxy", "--target", "http://127.0.0.1:1", "--har", "/nonexistent-dir/x.har"], /ENOENT/],
  ])("refuses %j with exit 2 and says why", async (args, message) => {
    const run = await runCli(args, { TWILIO_AUTH_TOKEN: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("exits 1 when the traffic covers less of the spec than --min-coverage asks, saying so", async () => {
    const target = await startHttpServer((_, res) => json(res, 201, queuedCall()));
    const proxy = await startProxyCli(["--target", target.baseUrl, "--min-coverage", "50"]);
    const response = await fetch(`${proxy.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
      body: "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft",
    });
    expect(response.status).toBe(201);
    const run = await proxy.stop();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed, 0 warned in 1 exchange\(s\)/);
    expect(run.stdout).toMatch(/coverage [\d.]+% \(the mean of the four shares\) is below --min-coverage 50/);
  });
});
