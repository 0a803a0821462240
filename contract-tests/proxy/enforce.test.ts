// --enforce: a request that breaks the contract gets the mock's Twilio-shaped 400 from the proxy and never reaches
// the target (a call that would fail costs nothing); a valid one, or one that only draws warnings, goes through.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { HarEntry } from "../../src/har/types.js";
import { validateResponse, validateTwilioError } from "../../src/validation/index.js";
import { replayEntries } from "../../src/verify/replay.js";
import { ACCOUNT_SID, AUTHORIZATION, queuedCall } from "../support/fixtures.js";
import { json, startHttpServer } from "../support/http-server.js";
import { startProxyCli } from "../support/proxy.js";

const CREATE = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
const VALID = "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ft";

function post(baseUrl: string, body: string) {
  return fetch(`${baseUrl}${CREATE}`, {
    method: "POST",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

describe("calls-contract proxy --enforce", () => {
  it("refuses an invalid create with Twilio's 400 and never passes it on; lets the rest through", async () => {
    // A stand-in for Twilio that counts what reaches it.
    const target = await startHttpServer((_, res) => json(res, 201, queuedCall()));
    const dir = await mkdtemp(join(tmpdir(), "proxy-enforce-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const har = join(dir, "traffic.har");
    const proxy = await startProxyCli(["--target", target.baseUrl, "--enforce", "--har", har]);

    const refused = await post(proxy.baseUrl, `${VALID}&Timeout=601&MachineDetection=enable`);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(validateTwilioError(body).violations).toEqual([]);
    // 21208 Invalid Timeout, the code the spec gives Timeout (twilio.com/docs/api/errors/21208).
    expect(body.code).toBe(21208);
    expect(body.details.violations.map((v: { field: string; rule: string }) => `${v.field} ${v.rule}`)).toEqual([
      "Timeout maximum",
      "MachineDetection enum",
    ]);
    expect(target.requests).toHaveLength(0);

    expect((await post(proxy.baseUrl, VALID)).status).toBe(201);
    // A warning never blocks, with or without --enforce.
    expect((await post(proxy.baseUrl, VALID.replace("%2B13105555555", "%2B1+801-664-0964"))).status).toBe(201);
    expect(target.requests).toHaveLength(2);
    expect(target.requests.every((r) => !r.body.includes("Timeout=601"))).toBe(true);

    const run = await proxy.stop();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("requests that break the contract are refused (--enforce)");
    const entries: HarEntry[] = JSON.parse(await readFile(har, "utf8")).log.entries;
    expect(entries.map((e) => [e.response.status, e._callsContract?.blocked ?? false])).toEqual([
      [400, true],
      [201, false],
      [201, false],
    ]);
  }, 60_000);

  it("refuses a create sent to the XML representation with an XML <RestException>, and judges the XML it lets through", async () => {
    const xmlCall = "<TwilioResponse><Call><Sid>CA5d7a4c5b2e0f4a9e8b1c3d2e6f7a8b9c</Sid></Call></TwilioResponse>";
    const target = await startHttpServer((_, res) => {
      res.writeHead(201, { "content-type": "application/xml" });
      res.end(xmlCall);
    });
    const dir = await mkdtemp(join(tmpdir(), "proxy-enforce-xml-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const har = join(dir, "traffic.har");
    const proxy = await startProxyCli(["--target", target.baseUrl, "--enforce", "--har", har]);
    const xmlCreate = (body: string) =>
      fetch(`${proxy.baseUrl}${CREATE.replace(/\.json$/, "")}`, {
        method: "POST",
        headers: { Authorization: AUTHORIZATION, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });

    const refused = await xmlCreate(`${VALID}&Timeout=601`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/xml");
    const text = await refused.text();
    expect(validateResponse("createCallXml", 400, text).violations).toEqual([]);
    expect(text).toContain("<Code>21208</Code>");
    expect(target.requests).toHaveLength(0);
    expect((await xmlCreate(VALID)).status).toBe(201);
    await proxy.stop();

    const entries: HarEntry[] = JSON.parse(await readFile(har, "utf8")).log.entries;
    const failed = replayEntries(entries).outcomes.filter((o) => !o.passed && o.severity === "error");
    expect(failed.map((o) => `${o.subject} ${o.operation} ${o.check}`)).toEqual([
      "exchange #1 createCallXml request-valid",
      "exchange #2 createCallXml response-schema",
    ]);
  }, 60_000);
});
