// The retired SMS/Messages create through the client: checked before it is sent, against the mock over HTTP.
import { describe, expect, inject, it } from "vitest";
import { CallsError, createCallsClient, TwilioApiError } from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "../support/fixtures.js";

const client = () => createCallsClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: inject("mockUrl") });
const text = { To: "+13105550162", From: "+12125550198", Body: "Your table is ready." };

describe("client.sendSms", () => {
  it("sends a text and returns the queued message", async () => {
    const message = await client().sendSms(text);
    expect(message).toMatchObject({ to: text.To, body: text.Body, status: "queued", direction: "outbound-api" });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("does not send a Body of 161 characters, naming the field and rule", async () => {
    const error = await client()
      .sendSms({ ...text, Body: "x".repeat(161) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallsError);
    expect((error as CallsError).kind).toBe("validation");
    expect((error as Error).message).toContain("Body breaks maxLength");
  });

  it("hands the mock's 21605 to the caller when validation is off", async () => {
    const unchecked = createCallsClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: inject("mockUrl"),
      validate: false,
    });
    const error = await unchecked.sendSms({ ...text, Body: "x".repeat(161) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({ status: 400, code: 21605 });
  });
});
