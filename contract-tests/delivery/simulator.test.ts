// The call simulator's requests for TwiML go through the same delivery as the status callbacks: the voice URL's
// connection overrides are honoured (Twilio's page names voice URLs among the webhooks they apply to), retries
// carry one idempotency token, and the fragment is neither sent nor signed.
import type { ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_TOKEN_HEADER, parseWebhook } from "../../src/index.js";
import { accountWithNumber, CALLER, NUMBER, verbsRun } from "../simulator/harness.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { empty, type RecordedRequest, startHttpServer } from "../support/http-server.js";
import { type StatefulHarness, startStatefulHarness } from "../support/stateful.js";
import { header } from "./events.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "delivery" });
});
afterAll(() => harness.stop());
afterEach(() => harness.admin.reset());

const SAY = `<Response><Say>hello</Say></Response>`;
/** An app whose voice URL fails with 503 `failures` times, then serves a document of one Say. */
function failingFirst(failures: number) {
  let seen = 0;
  return (_: RecordedRequest, res: ServerResponse) => {
    if (++seen <= failures) return empty(res, 503);
    res.writeHead(200, { "Content-Type": "application/xml" });
    res.end(SAY);
  };
}

async function callTo(voiceUrl: string) {
  const accountSid = await accountWithNumber(harness, voiceUrl);
  const call = await harness.admin.placeInboundCall(accountSid, { from: CALLER, to: NUMBER });
  await harness.admin.advance(10_000);
  return harness.admin.timeline(accountSid, call.sid);
}

describe("the simulator's requests for TwiML", () => {
  it("retries the voice URL as its overrides say, with one token, and runs the document it finally gets", async () => {
    const app = await startHttpServer(failingFirst(2));
    const timeline = await callTo(`${app.baseUrl}/voice#rc=2&rp=5xx`);
    expect(app.requests).toHaveLength(3);
    expect(new Set(app.requests.map((r) => header(r, IDEMPOTENCY_TOKEN_HEADER))).size).toBe(1);
    expect(verbsRun(timeline)).toContain("Say");
  });

  it("does not retry a 503 from the voice URL without an override, and logs Twilio's 11200", async () => {
    const app = await startHttpServer(failingFirst(1));
    const timeline = await callTo(`${app.baseUrl}/voice`);
    expect(app.requests).toHaveLength(1);
    expect(timeline.conversation.map((e) => e.code)).toContain(11200);
    expect(verbsRun(timeline)).not.toContain("Say");
  });

  it("sends the voice URL without its fragment, signed as the app sees it", async () => {
    const app = await startHttpServer(failingFirst(0));
    await callTo(`${app.baseUrl}/voice#ct=1000&rt=2000`);
    const [sent] = app.requests;
    expect(sent?.url).toBe("/voice");
    const payload = parseWebhook("voiceRequest", {
      url: `${app.baseUrl}/voice`,
      body: sent?.body ?? "",
      signature: header(sent, "X-Twilio-Signature"),
      authToken: AUTH_TOKEN,
    });
    expect(payload.To).toBe(NUMBER);
  });
});
