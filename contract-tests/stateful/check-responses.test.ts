// With checkResponses, every response of the stateful store is validated against the Calls spec before it is sent:
// state that would produce a body the contract forbids becomes a 500 that names the broken field, never a
// quietly wrong response. Without it the same state goes out as it is, which is what makes the check worth having.
import { describe, expect, it } from "vitest";
import { TwilioApiError } from "../../src/client/index.js";
import { statefulInternals } from "../../src/mock/stateful/internals.js";
import { freshAccount, startStatefulHarness } from "../support/stateful.js";

const place = { To: "+13105555555", From: "+12125551234", Url: "https://example.com/twiml" };

async function corruptedCall(checkResponses: boolean) {
  const harness = await startStatefulHarness({ checkResponses });
  const accountSid = freshAccount();
  const client = harness.client(accountSid);
  const { sid } = await client.create(place);
  const record = statefulInternals(harness.mock).store.get(accountSid, sid);
  if (!record) throw new Error("the store keeps the created call");
  // A status Twilio never sends: what a bug in the store's lifecycle could produce.
  (record as { status: string }).status = "paused";
  return { harness, client, sid };
}

describe("checkResponses", () => {
  it("turns a response that breaks the spec into a 500 naming the field, and logs why", async () => {
    const { harness, client, sid } = await corruptedCall(true);
    try {
      const error = await client.fetch(sid).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TwilioApiError);
      expect((error as TwilioApiError).status).toBe(500);
      expect((error as TwilioApiError).message).toMatch(/fetchCall breaks the spec: .*status.*"paused"/);
      expect(harness.logged.join("\n")).toMatch(/the stateful mock's own response breaks the spec: .*status/);
    } finally {
      await harness.stop();
    }
  });

  it("is what catches it: without checkResponses the broken body goes out as it is", async () => {
    const { harness, sid } = await corruptedCall(false);
    try {
      const accountSid = (await harness.admin.state()).accounts[0]?.accountSid ?? "";
      const response = await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`, {
        headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:token`).toString("base64")}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe("paused");
    } finally {
      await harness.stop();
    }
  });
});
