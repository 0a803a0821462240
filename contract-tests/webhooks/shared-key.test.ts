// Webhooks signed with a shared key instead of the auth token: HMAC-SHA256 (the Setting's algorithm) over the same
// string as HMAC-SHA1's, named by X-Twilio-Webhooks-Signature-Settings ("Sign webhooks with shared keys",
// https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys, public beta; twilio-node's
// examples/WebhookSignatureValidation.md). The expected HMAC is openssl's, not this project's.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  computeSignature,
  deliverWebhook,
  parseWebhook,
  SIGNATURE_SETTINGS_HEADER,
  WebhookError,
} from "../../src/index.js";
import { answering, header, statusEvent } from "../delivery/events.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { startHttpServer } from "../support/http-server.js";

const SECRET = "shared-key-secret-for-tests";
const KEY = { id: "KS0123456789abcdef0123456789abcdef", secret: SECRET };

/** One request the mock's delivery signed with the shared key, as the receiver got it. */
async function sharedKeyRequest() {
  const receiver = await startHttpServer(answering(204));
  await deliverWebhook({ ...statusEvent(`${receiver.baseUrl}/status`), sharedKey: KEY });
  const [sent] = receiver.requests;
  return {
    url: `${receiver.baseUrl}/status`,
    body: sent?.body ?? "",
    signature: header(sent, "X-Twilio-Signature"),
    signatureSettings: header(sent, SIGNATURE_SETTINGS_HEADER),
  };
}

const reasonOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return error instanceof WebhookError ? error.reason : String(error);
  }
  return "accepted";
};

describe("shared-key signatures (HMAC-SHA256)", () => {
  it("matches an HMAC-SHA256 computed by openssl over URL + sorted name/value pairs", () => {
    const url = "https://example.com/status?x=1";
    const expected = execFileSync("openssl", ["dgst", "-sha256", "-hmac", SECRET, "-binary"], {
      input: `${url}CallSidCA1Digits12`,
    }).toString("base64");
    expect(computeSignature(SECRET, url, { Digits: "12", CallSid: "CA1" }, "HMAC_SHA256")).toBe(expected);
  });

  it("names the key and HMAC_SHA256 in the signature settings header of what it delivers", async () => {
    const request = await sharedKeyRequest();
    expect(request.signatureSettings).toBe(`key=${KEY.id},algorithm=HMAC_SHA256`);
  });

  it("is accepted by parseWebhook given the shared key's secret", async () => {
    const request = await sharedKeyRequest();
    const payload = parseWebhook("statusCallback", { ...request, authToken: AUTH_TOKEN, sharedKeySecret: SECRET });
    expect(payload.CallStatus).toBe("completed");
  });

  it("is refused by parseWebhook given only the auth token, naming the missing secret", async () => {
    const request = await sharedKeyRequest();
    const attempt = () => parseWebhook("statusCallback", { ...request, authToken: AUTH_TOKEN });
    expect(reasonOf(attempt)).toBe("signature-settings");
    expect(attempt).toThrow(/no sharedKeySecret/);
  });

  it("is refused by parseWebhook given another secret", async () => {
    const request = await sharedKeyRequest();
    const attempt = () =>
      parseWebhook("statusCallback", { ...request, authToken: AUTH_TOKEN, sharedKeySecret: "another" });
    expect(reasonOf(attempt)).toBe("bad-signature");
  });

  it("is refused by parseWebhook when the settings name an algorithm it does not check", async () => {
    const request = await sharedKeyRequest();
    const settings = `key=${KEY.id},algorithm=HMAC_MD5`;
    const attempt = () =>
      parseWebhook("statusCallback", {
        ...request,
        signatureSettings: settings,
        authToken: AUTH_TOKEN,
        sharedKeySecret: SECRET,
      });
    expect(reasonOf(attempt)).toBe("signature-settings");
  });

  it("does not verify against the auth token's HMAC-SHA1 once the settings header is dropped", async () => {
    const request = await sharedKeyRequest();
    const attempt = () =>
      parseWebhook("statusCallback", { ...request, signatureSettings: undefined, authToken: AUTH_TOKEN });
    expect(reasonOf(attempt)).toBe("bad-signature");
  });
});
