// A fault's wait (a latency, a slow head, a dribbled body) ends with the exchange: when the client hangs up, and when
// the mock stops. Each case runs in a child process with the built package, and the child must exit by itself with
// no Timeout left among its active resources: a wait that outlived the exchange would hold it for ten minutes.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { AdminFaultSpec } from "../../src/mock/index.js";
import { builtModule } from "../support/cli.js";
import { AUTH_TOKEN } from "../support/fixtures.js";

const ACCOUNT = `AC${"a".repeat(32)}`;

/**
 * The child: a stateful mock with one fault, a create sent to it, and once the fault has fired, the client hangs up
 * (`abort`) or not (`stop`); then the mock stops, and the child prints its active resources.
 */
function childScript(fault: AdminFaultSpec, ending: "abort" | "stop"): string {
  return `
    import http from "node:http";
    const { startMock } = await import(${JSON.stringify(builtModule("mock/index.js"))});
    const mock = await startMock({ stateful: true, faults: [${JSON.stringify(fault)}], log: () => {} });
    const url = new URL(mock.baseUrl + "/2010-04-01/Accounts/${ACCOUNT}/Calls.json");
    const body = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml";
    const request = http.request(url, {
      method: "POST",
      agent: false,
      auth: "${ACCOUNT}:${AUTH_TOKEN}",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    request.on("error", () => {});
    request.on("response", (response) => response.on("error", () => {}).resume());
    request.end(body);
    const fired = () => new Promise((resolve) => {
      http.get(mock.adminUrl + "/faults", { agent: false }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk)).on("end", () => resolve(JSON.parse(text).faults[0].fired));
      });
    });
    while ((await fired()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (${JSON.stringify(ending)} === "abort") {
      request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await mock.stop();
    await new Promise((resolve) => setImmediate(resolve));
    console.log(JSON.stringify(process.getActiveResourcesInfo()));`;
}

/** Runs the child; what it printed, and whether it had to be killed. */
function runChild(script: string): Promise<{ resources: string[]; killed: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 15_000 }, (error, stdout) => {
      const line = stdout.trim().split("\n").at(-1) ?? "[]";
      resolve({ resources: line.startsWith("[") ? JSON.parse(line) : [], killed: error?.killed === true });
    });
  });
}

const WAITS: [string, AdminFaultSpec][] = [
  ["a latency", { kind: "latency-fixed", ms: 600_000 }],
  ["a slow head", { kind: "slow-headers", ms: 600_000 }],
  ["a dribbled body", { kind: "dribbled-body", chunkBytes: 1, intervalMs: 60_000 }],
];

describe("a fault's wait ends with the exchange", () => {
  it.each(WAITS)("leaves no timer of %s once the client hangs up and the mock stops", async (_, fault) => {
    const { resources, killed } = await runChild(childScript(fault, "abort"));
    expect(killed).toBe(false);
    expect(resources).not.toContain("Timeout");
  });

  it.each(WAITS)("leaves no timer of %s once the mock stops with the client still waiting", async (_, fault) => {
    const { resources, killed } = await runChild(childScript(fault, "stop"));
    expect(killed).toBe(false);
    expect(resources).not.toContain("Timeout");
  });
});
