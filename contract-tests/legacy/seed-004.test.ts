// Seed 004 as a new user would try it: its curl command, exactly as the seed writes it (only Twilio's host, the
// account and the token put in), run by curl against the mock, stateless and stateful. The path has no `.json`, so
// Twilio answered in XML; the mock does the same. Then the rest of the seed's flow the spec describes: the request
// a text makes to the app, and the app's reply.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { validateResponse, validateTwiml, validateWebhook } from "../../src/index.js";
import seeds from "../fixtures/legacy/seeds.json" with { type: "json" };
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";
import { type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { SEED_004_SMS_REPLY } from "../twiml/catalogue.js";

const run = promisify(execFile);
const seed = seeds.sms[0] as (typeof seeds.sms)[number];

/** The seed's command as curl's arguments: continuation lines joined, quotes taken off as a shell would. */
function curlArguments(command: string, baseUrl: string): string[] {
  const words = command.replace(/\\\n/g, " ").match(/"[^"]*"|\S+/g) ?? [];
  const [program, ...args] = words.map((word) =>
    word
      .replace(/^"(.*)"$/, "$1")
      .replace("https://api.twilio.com", baseUrl)
      .replaceAll("{AccountSid}", ACCOUNT_SID)
      .replace("{AuthToken}", AUTH_TOKEN),
  );
  expect(program).toBe("curl");
  return args as string[];
}

/** Runs the seed's curl against `baseUrl`, adding only what makes curl print the status and content type. */
async function curlSeed(baseUrl: string) {
  const report = ["--silent", "--show-error", "--write-out", "\n%{http_code} %{content_type}"];
  const { stdout } = await run("curl", [...curlArguments(seed.curl, baseUrl), ...report]);
  const cut = stdout.lastIndexOf("\n");
  const [status, contentType] = stdout.slice(cut + 1).split(" ");
  return { status: Number(status), contentType, body: stdout.slice(0, cut) };
}

function expectQueuedTextInXml(response: Awaited<ReturnType<typeof curlSeed>>) {
  expect(response.status, response.body).toBe(201);
  expect(response.contentType).toBe("application/xml");
  expect(response.body).toMatch(/^<\?xml[^>]*\?>\s*<TwilioResponse><SMSMessage>/);
  const result = validateResponse("createSmsMessageXml", 201, response.body);
  expect([...result.violations, ...result.warnings].map((v) => v.message)).toEqual([]);
  expect(result.value).toMatchObject({
    SMSMessage: { To: "+14155551212", From: "+14158675309", Body: "Hello world", Status: "queued" },
  });
}

describe("seed 004: the curl example, exactly as written", () => {
  let stateful: StatefulHarness;
  beforeAll(async () => {
    stateful = await startStatefulHarness();
  });
  afterAll(() => stateful.stop());

  it("sends what the fixture says curl sends", () => {
    expect(curlArguments(seed.curl, "http://mock")).toEqual([
      "-X",
      "POST",
      `http://mock/2010-04-01/Accounts/${ACCOUNT_SID}/SMS/Messages`,
      "--data-urlencode",
      "To=+14155551212",
      "--data-urlencode",
      "From=+14158675309",
      "--data-urlencode",
      "Body=Hello world",
      "-u",
      `${ACCOUNT_SID}:${AUTH_TOKEN}`,
    ]);
  });

  it("gets 201 and the queued message in XML from the stateless mock", async () => {
    expectQueuedTextInXml(await curlSeed(inject("mockUrl")));
  });

  it("gets 201 and the queued message in XML from the stateful mock", async () => {
    expectQueuedTextInXml(await curlSeed(stateful.mock.baseUrl));
  });
});

describe("seed 004: the text's request to the app, and the app's reply", () => {
  it("describes the request Twilio makes when the text arrives", () => {
    const text = {
      SmsSid: "SM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98",
      AccountSid: ACCOUNT_SID,
      From: "+14158675309",
      To: "+14155551212",
      Body: "Hello world",
    };
    expect(validateWebhook("smsRequest", text).violations).toEqual([]);
  });

  it("runs the seed's <Sms> and <Redirect> reply as messaging TwiML, with one warning and no error", () => {
    const reply = validateTwiml(SEED_004_SMS_REPLY, { kind: "messaging" });
    expect(reply.violations).toEqual([]);
    expect(reply.warnings.map((w) => w.rule)).toEqual(["legacy-sms"]);
  });
});
