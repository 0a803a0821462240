// No secret is written anywhere: each kind is seeded into real traffic through the proxy (an auth token, a SIP
// password, a CallToken, PASSporTs, a callback URL's query, and the X-Twilio-Signature of real callbacks), then
// looked for, in every spelling, in the HAR, both reports, a replay's reports, and every line the CLI printed.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it, onTestFinished, vi } from "vitest";
import { createCallsClient } from "../../src/client/index.js";
import type { HarEntry } from "../../src/har/types.js";
import { runCli } from "../support/cli.js";
import { ACCOUNT_SID } from "../support/fixtures.js";
import { empty, startHttpServer } from "../support/http-server.js";
import { startProxyCli } from "../support/proxy.js";

const CANARY = {
  token: "canary-auth-token-5b9e20c1",
  sip: "canary-sip-password-77e1",
  callToken: "canary-call-token-0f3a9d",
  passports: "canaryPASSporT.eyJhbGciOi.c2lnbmF0dXJl",
  query: "canary-callback-query-6d2c",
};

function spellings(secret: string): string[] {
  return [
    secret,
    // A quote cut short is a leak too: the start of a secret must not show either.
    secret.slice(0, 12),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    Buffer.from(`${ACCOUNT_SID}:${secret}`).toString("base64"),
    JSON.stringify(secret).slice(1, -1),
  ];
}

describe("the canary: no secret in any artifact or log line", () => {
  it("redacts every kind of secret, keeping its place, in everything the proxy and a replay write", async () => {
    const app = await startHttpServer((_, res) => empty(res, 204));
    const dir = await mkdtemp(join(tmpdir(), "proxy-canary-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const files = { har: join(dir, "traffic.har"), junit: join(dir, "junit.xml"), json: join(dir, "report.json") };
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: CANARY.token };
    const proxy = await startProxyCli(
      [
        "--target",
        inject("mockUrl"),
        "--callbacks-to",
        app.baseUrl,
        "--har",
        files.har,
        "--junit",
        files.junit,
        "--json",
        files.json,
      ],
      env,
    );

    const calls = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: CANARY.token,
      baseUrl: proxy.baseUrl,
      validate: false,
    });
    const secrets = {
      SipAuthUsername: "alice",
      SipAuthPassword: CANARY.sip,
      CallToken: CANARY.callToken,
      Passports: CANARY.passports,
    };
    const statusCallback = `${proxy.baseUrl}/callbacks/status?token=${CANARY.query}`;
    const call = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml", ...secrets };
    await calls.create({ ...call, StatusCallback: statusCallback, StatusCallbackEvent: ["initiated", "completed"] });
    // Refused by the mock, which quotes the broken StatusCallback (cut short) in its response.
    await expect(
      calls.create({
        ...call,
        Timeout: 601,
        StatusCallback: `${statusCallback}&pad=${"x".repeat(30)} `,
        // Short enough before its query that the mock's cut-short quote of it ends inside the secret.
        FallbackUrl: `https://a.invalid/f?k=${CANARY.query}&pad=${"x".repeat(30)} `,
      }),
    ).rejects.toThrow();
    await calls.list({ PageSize: 20 });
    // The mock calls back through the proxy, which passes each callback on to the app unchanged.
    await vi.waitFor(() => expect(app.requests).toHaveLength(2), { timeout: 10_000 });
    const signatures = app.requests.map((r) => String(r.headers["x-twilio-signature"]));
    expect(app.requests.map((r) => r.url)).toEqual([`/status?token=${CANARY.query}`, `/status?token=${CANARY.query}`]);

    const run = await proxy.stop();
    const replayFiles = { junit: join(dir, "replay.xml"), json: join(dir, "replay.json") };
    const replay = await runCli(
      ["verify", "--har", files.har, "--junit", replayFiles.junit, "--json", replayFiles.json],
      env,
    );
    const artifacts: Record<string, string> = {
      "proxy stdout": run.stdout,
      "proxy stderr": run.stderr,
      HAR: await readFile(files.har, "utf8"),
      "proxy JUnit": await readFile(files.junit, "utf8"),
      "proxy JSON": await readFile(files.json, "utf8"),
      "replay stdout": replay.stdout,
      "replay stderr": replay.stderr,
      "replay JUnit": await readFile(replayFiles.junit, "utf8"),
      "replay JSON": await readFile(replayFiles.json, "utf8"),
    };
    for (const [where, text] of Object.entries(artifacts)) {
      expect(text.length, where).toBeGreaterThan(0);
      for (const secret of [...Object.values(CANARY), ...signatures])
        for (const spelling of spellings(secret)) expect(text, `${where} holds ${spelling}`).not.toContain(spelling);
    }

    // Everything is still there but the secrets: names, schemes, hosts, paths and query keys.
    // Entries are written as exchanges finish, so the callbacks may come between the app's own requests.
    const entries: HarEntry[] = JSON.parse(artifacts.HAR!).log.entries;
    const callbacks = entries.filter((e) => e.request.url.includes("/callbacks/"));
    const create = entries.find((e) => e.request.method === "POST" && e.response.status === 201);
    const refused = entries.find((e) => e.response.status === 400);
    const list = entries.find((e) => e.request.method === "GET" && !e.request.url.includes("/callbacks/"));
    expect(entries).toHaveLength(5);
    const header = (entry: HarEntry | undefined, name: string) =>
      entry?.request.headers.find((h) => h.name.toLowerCase() === name)?.value;
    expect(header(create, "authorization")).toBe("Basic [redacted]");
    const params = Object.fromEntries((create?.request.postData?.params ?? []).map((p) => [p.name, p.value]));
    expect(params).toMatchObject({
      SipAuthUsername: "alice",
      SipAuthPassword: "[redacted]",
      CallToken: "[redacted]",
      Passports: "[redacted]",
      StatusCallback: `${proxy.baseUrl}/callbacks/status?token=%5Bredacted%5D`,
    });
    expect(refused?.response.status).toBe(400);
    expect(list?.request.url).toContain("PageSize=20");
    expect(callbacks).toHaveLength(2);
    for (const callback of callbacks) {
      expect(callback.request.url).toBe(`${proxy.baseUrl}/callbacks/status?token=%5Bredacted%5D`);
      expect(header(callback, "x-twilio-signature")).toBe("[redacted]");
      expect(callback._callsContract).toMatchObject({ webhook: "statusCallback", signature: "valid" });
    }

    // The redacted fields do not turn into violations: their verdicts were recorded before redaction.
    const report = JSON.parse(artifacts["proxy JSON"]!);
    const failed = report.outcomes.filter((o: { passed: boolean }) => !o.passed);
    expect(failed.map((o: { subject: string; check: string }) => `${o.subject} ${o.check}`)).toEqual([
      `exchange #${entries.indexOf(refused!) + 1} request-valid`,
    ]);
    // The broken StatusCallback is shown as the HAR holds it: redacted, then cut short.
    const shown = /got "http:\/\/127\.0\.0\.1:\d+\/callbacks\/status\?… \(\d+ characters\)"$/;
    expect(failed[0].details).toHaveLength(5);
    expect(failed[0].details).toEqual(
      expect.arrayContaining([
        "Timeout breaks maximum: must be <= 600, got 601",
        expect.stringMatching(new RegExp(`^StatusCallback breaks pattern: .*${shown.source}`)),
        expect.stringMatching(new RegExp(`^StatusCallback breaks format: .*${shown.source}`)),
        expect.stringMatching(
          /^FallbackUrl breaks pattern: .*got "https:\/\/a\.invalid\/f\?k=%5Bredacted%5D&pad=%5Bredacted%5D"$/,
        ),
      ]),
    );
    const callbackChecks = report.outcomes.filter((o: { operation: string }) => o.operation === "statusCallback");
    expect(callbackChecks.map((o: { check: string; passed: boolean }) => `${o.check} ${o.passed}`)).toEqual([
      "callback-signature true",
      "callback-schema true",
      "callback-signature true",
      "callback-schema true",
    ]);
    expect(JSON.parse(artifacts["replay JSON"]!).outcomes).toEqual(report.outcomes);
  }, 60_000);
});
