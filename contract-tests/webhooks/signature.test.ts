// X-Twilio-Signature. The expected signatures are computed by openssl, not by this project's code, from the string
// Twilio's documentation defines: the full URL, then each POST parameter sorted by name, name then value.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { computeSignature, isValidSignature, parseWebhook, WebhookError } from "../../src/index.js";

const TOKEN = "12345";
const URL_WITH_QUERY = "https://example.com/myapp.php?foo=1&bar=2";
const PARAMS = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+12349013030",
  Digits: "1234",
  From: "+12349013030",
  To: "+18005551212",
};

function opensslSignature(key: string, data: string): string {
  return execFileSync("openssl", ["dgst", "-sha1", "-hmac", key, "-binary"], { input: data }).toString("base64");
}

describe("X-Twilio-Signature", () => {
  it("matches an HMAC-SHA1 computed by openssl over URL + sorted name/value pairs", () => {
    const data = `${URL_WITH_QUERY}CallSid${PARAMS.CallSid}Caller${PARAMS.Caller}Digits${PARAMS.Digits}From${PARAMS.From}To${PARAMS.To}`;
    expect(computeSignature(TOKEN, URL_WITH_QUERY, PARAMS)).toBe(opensslSignature(TOKEN, data));
  });

  it("signs a GET callback over the URL alone", () => {
    const url = "http://127.0.0.1:8080/status?CallSid=CA1&CallStatus=ringing";
    expect(computeSignature(TOKEN, url)).toBe(opensslSignature(TOKEN, url));
  });

  it("sorts parameter names byte-wise and keeps repeated values in order", () => {
    const params: Array<[string, string]> = [
      ["b", "2"],
      ["B", "1"],
      ["a", "x"],
      ["a", "y"],
    ];
    expect(computeSignature(TOKEN, "https://h/p", params)).toBe(opensslSignature(TOKEN, "https://h/pB1axayb2"));
  });

  it("accepts the right signature, also given as form text", () => {
    const signature = computeSignature(TOKEN, URL_WITH_QUERY, PARAMS);
    expect(isValidSignature(TOKEN, signature, URL_WITH_QUERY, new URLSearchParams(PARAMS).toString())).toBe(true);
  });

  it.each([
    ["one changed parameter", TOKEN, URL_WITH_QUERY, { ...PARAMS, Digits: "1235" }],
    ["a reordered URL query", TOKEN, "https://example.com/myapp.php?bar=2&foo=1", PARAMS],
    ["a wrong auth token", "54321", URL_WITH_QUERY, PARAMS],
    ["an added parameter", TOKEN, URL_WITH_QUERY, { ...PARAMS, Extra: "" }],
  ])("rejects %s", (_, token, url, params) => {
    const signature = computeSignature(TOKEN, URL_WITH_QUERY, PARAMS);
    expect(isValidSignature(token, signature, url, params)).toBe(false);
  });

  it("rejects a missing or truncated signature without throwing", () => {
    const signature = computeSignature(TOKEN, URL_WITH_QUERY, PARAMS);
    expect(isValidSignature(TOKEN, undefined, URL_WITH_QUERY, PARAMS)).toBe(false);
    expect(isValidSignature(TOKEN, signature.slice(0, -2), URL_WITH_QUERY, PARAMS)).toBe(false);
  });
});

describe("parseWebhook", () => {
  const url = "https://example.com/status";
  const body = new URLSearchParams({
    CallSid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
    AccountSid: "AC0123456789abcdef0123456789abcdef",
    From: "+12125551234",
    To: "+13105555555",
    CallStatus: "completed",
    ApiVersion: "2010-04-01",
    Direction: "outbound-api",
    CallbackSource: "call-progress-events",
    SequenceNumber: "3",
    Timestamp: "Tue, 24 Nov 2026 17:42:45 +0000",
    CallDuration: "162",
    FromCity: "NEW YORK",
  }).toString();

  it("returns the typed payload of a signed, valid status callback", () => {
    const payload = parseWebhook("statusCallback", {
      url,
      body,
      signature: computeSignature(TOKEN, url, body),
      authToken: TOKEN,
    });
    expect(payload).toMatchObject({
      CallStatus: "completed",
      SequenceNumber: 3,
      CallDuration: 162,
      FromCity: "NEW YORK",
    });
  });

  it.each([
    ["missing-signature", undefined, /no X-Twilio-Signature header/],
    ["bad-signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", /does not match the URL and body/],
  ])("rejects a request with reason %s", (reason, signature, message) => {
    const attempt = () => parseWebhook("statusCallback", { url, body, signature, authToken: TOKEN });
    expect(attempt).toThrow(WebhookError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as WebhookError).reason).toBe(reason);
    }
  });

  it("rejects a signed body that breaks the schema, naming the field", () => {
    const bad = body.replace("CallStatus=completed", "CallStatus=answered");
    const attempt = () =>
      parseWebhook("statusCallback", {
        url,
        body: bad,
        signature: computeSignature(TOKEN, url, bad),
        authToken: TOKEN,
      });
    expect(attempt).toThrow(/statusCallback body: CallStatus breaks enum/);
  });

  it("never puts the auth token in its error messages", () => {
    const secret = "auth-token-never-in-errors";
    try {
      parseWebhook("statusCallback", { url, body, signature: "x", authToken: secret });
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify({ m: (error as Error).message, s: (error as Error).stack })).not.toContain(secret);
    }
  });
});

// Seed 004's flow: a text arrives and Twilio asks the number's SMS URL for messaging TwiML; the message sent
// through SMS/Messages reports back to its StatusCallback.
describe("parseWebhook: the SMS/Messages era", () => {
  const url = "https://example.com/sms";
  const incoming = new URLSearchParams({
    SmsSid: "SM0f3c2b1a0e9d8c7b6a5f4e3d2c1b0a98",
    AccountSid: "AC0123456789abcdef0123456789abcdef",
    From: "+14158675309",
    To: "+14155551212",
    Body: "Hello world",
    FromCity: "SAN FRANCISCO",
  }).toString();
  const signed = (body: string) => ({ url, body, signature: computeSignature(TOKEN, url, body), authToken: TOKEN });

  it("returns the typed payload of a signed incoming text", () => {
    const text = parseWebhook("smsRequest", signed(incoming));
    const body: string = text.Body;
    expect({ body, from: text.From, city: text.FromCity }).toEqual({
      body: "Hello world",
      from: "+14158675309",
      city: "SAN FRANCISCO",
    });
  });

  it("returns SmsSid and SmsStatus of a signed status callback, and refuses a status of another era", () => {
    const status = parseWebhook(
      "smsStatusCallback",
      signed("SmsSid=SM7f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99&SmsStatus=sent"),
    );
    const sent: "sent" | "failed" = status.SmsStatus;
    expect(sent).toBe("sent");
    const later = "SmsSid=SM7f3c2b1a0e9d8c7b6a5f4e3d2c1b0a99&SmsStatus=delivered";
    expect(() => parseWebhook("smsStatusCallback", signed(later))).toThrow(/SmsStatus breaks enum/);
  });

  it("refuses an incoming text without its signature", () => {
    expect(() => parseWebhook("smsRequest", { url, body: incoming, signature: undefined, authToken: TOKEN })).toThrow(
      WebhookError,
    );
  });
});
