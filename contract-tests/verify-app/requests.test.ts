// The requests verify-app and the mock send an app, held to what Twilio sends: signed as twilio-node 6.2.0's
// validateRequest expects for POST and GET (getExpectedTwilioSignature over the URL and the sorted parameters, or the
// URL alone with its query), each one the spec's webhook validator accepts, every enum value of the spec's webhooks
// sent, and each forgery one that twilio-node refuses.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { isValidSignature, validateWebhook } from "../../src/index.js";
import { forgedRequest } from "../../src/verify-app/forgeries.js";
import { planEndpoint } from "../../src/verify-app/plan.js";
import { APP_WEBHOOKS } from "../../src/verify-app/spec-webhooks.js";
import { type SignedWebhook, signWebhook, type WebhookRequest } from "../../src/webhook-delivery.js";
import { operationsOf, resolveTruth, type Schema } from "../support/spec.js";

const require = createRequire(import.meta.url);
const { validateRequest } = require("twilio/lib/webhooks/webhooks.js") as {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string>): boolean;
};

const TOKEN = "a-test-auth-token-1f2e3d";
const URL_OF = "http://127.0.0.1:3000/hooks/voice?tenant=acme";

/** As an app built on twilio-node checks a request: the URL it was sent to, and a POST's form parameters. */
function twilioNodeAccepts(signed: SignedWebhook): boolean {
  const params = signed.body === undefined ? {} : Object.fromEntries(new URLSearchParams(signed.body));
  return validateRequest(TOKEN, signed.headers["X-Twilio-Signature"] ?? "", signed.target.toString(), params);
}

const request = (method: string, params: Record<string, string>): WebhookRequest => ({
  url: URL_OF,
  method,
  params,
  authToken: TOKEN,
  userAgent: "test",
});

/** Every enum value of every field of a webhook's form schema, allOf parts included, read from the spec itself. */
function enumValues(schema: Schema): string[] {
  const parts = [schema, ...((schema.allOf ?? []) as Schema[]).map((part) => resolveTruth(part))];
  return parts.flatMap((part) =>
    Object.entries(part.properties ?? {}).flatMap(([field, property]) =>
      ((resolveTruth(property).enum ?? []) as unknown[]).map((value) => `${field}=${String(value)}`),
    ),
  );
}

describe("requests signed by the shared webhook delivery", () => {
  const params = { CallSid: "CA9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", Digits: "1#", SpeechResult: "yes, please & thanks" };

  it.each(["POST", "GET"])("pass twilio-node's validateRequest and the project's isValidSignature (%s)", (method) => {
    const signed = signWebhook(request(method, params));
    expect(twilioNodeAccepts(signed)).toBe(true);
    const body = signed.body ?? undefined;
    expect(isValidSignature(TOKEN, signed.headers["X-Twilio-Signature"], signed.target.toString(), body)).toBe(true);
    if (method === "GET") expect(signed.target.searchParams.get("SpeechResult")).toBe(params.SpeechResult);
    else expect(signed.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
  });

  it("send credentials in the URL as Basic auth, and sign the URL without them", () => {
    const signed = signWebhook({ ...request("POST", params), url: "http://app:s3cret@127.0.0.1:3000/voice" });
    expect(signed.target.toString()).toBe("http://127.0.0.1:3000/voice");
    expect(signed.headers.Authorization).toBe(`Basic ${Buffer.from("app:s3cret").toString("base64")}`);
    expect(twilioNodeAccepts(signed)).toBe(true);
  });

  it.each(["unsigned", "other-token", "other-url", "tampered"] as const)("forged %s: refused by twilio-node", (f) => {
    for (const method of ["POST", "GET"]) {
      const forged = forgedRequest(request(method, params), f);
      expect(twilioNodeAccepts(forged), method).toBe(false);
    }
  });
});

describe("the requests verify-app plans", () => {
  const plans = APP_WEBHOOKS.map((webhook) => ({ webhook, ...planEndpoint(webhook, URL_OF) }));

  it("are all ones the spec's webhook validators accept, and none is left out", () => {
    for (const { webhook, requests, skipped } of plans) {
      expect(skipped).toEqual([]);
      for (const r of requests) expect(validateWebhook(webhook, r.params).violations, r.subject).toEqual([]);
    }
  });

  it("send every enum value of every webhook the spec describes, and GET where createCall lets the user choose", () => {
    const webhooks = operationsOf({ webhooks: true }).filter((e) => e.webhook);
    for (const { webhook, requests } of plans) {
      const entry = webhooks.find((e) => e.operation.operationId === webhook);
      const schema = resolveTruth(entry?.operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema);
      const sent = new Set(requests.flatMap((r) => Object.entries(r.params).map(([k, v]) => `${k}=${v}`)));
      expect(
        enumValues(schema).filter((value) => !sent.has(value)),
        webhook,
      ).toEqual([]);
      expect(requests.filter((r) => r.method === "GET").map((r) => r.kind)).toEqual(["method", "forged"]);
    }
  });

  it("send SIP and Client addresses as From and To, and fields the spec does not name", () => {
    const voice = plans.find((p) => p.webhook === "voiceRequest")?.requests ?? [];
    expect(voice.map((r) => r.subject)).toEqual(
      expect.arrayContaining(["From=sip:pat@example.com", "From=client:joey", "To=+12125551234"]),
    );
    expect(voice.filter((r) => r.kind === "unknown-field").map((r) => Object.keys(r.params).at(-1))).toEqual([
      "FieldAddedLater",
      "AnotherFieldAddedLater",
    ]);
  });

  it("leave out each optional field, and send a conference's recording where the spec allows one instead", () => {
    const recording = plans.find((p) => p.webhook === "recordingStatusCallback")?.requests ?? [];
    const absent = recording.filter((r) => r.kind === "optional-absent").map((r) => r.subject);
    expect(absent).toContain("without RecordingTrack");
    expect(absent).toContain("ConferenceSid instead of CallSid");
  });
});
