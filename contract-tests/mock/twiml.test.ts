// A create whose Twiml Twilio could not run still gets a 201, as Twilio gives it; the mock says what is
// wrong with the document in its log, and the client hands the same findings to onWarning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallsClient, type Violation } from "../../src/index.js";
import { type RunningMock, startMock } from "../../src/mock/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";
import { SEED_004_GATHER } from "../twiml/catalogue.js";

let mock: RunningMock;
const logged: string[] = [];
beforeAll(async () => {
  mock = await startMock({ log: (line) => logged.push(line) });
});
afterAll(() => mock.stop());

describe("TwiML given inline to the mock", () => {
  it("responds 201, logs the unclosed <Play> at its line, and hands it to the client's onWarning", async () => {
    const warned: Violation[] = [];
    const client = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: mock.baseUrl,
      onWarning: (warnings) => warned.push(...warnings),
    });
    const call = await client.create({ To: "+13105555555", From: "+12125551234", Twiml: SEED_004_GATHER });
    expect(call.status).toBe("queued");
    expect(warned.map((w) => [w.rule, w.line])).toContainEqual(["twiml-unclosed", 3]);
    expect(logged.join("\n")).toMatch(/warning: createCall body: Twiml breaks twiml-unclosed at line 3, column \d+/);
  });
});
