// What reaches a HAR file of a request's secrets: nothing but their place. Each kind of secret is seeded and then
// looked for in the whole entry, in every spelling it could take.
import { describe, expect, it } from "vitest";
import { basicAuthHeader } from "../../src/basic-auth.js";
import { harEntry } from "../../src/har/entry.js";
import { redactEntry, redactUrl, shownViolations } from "../../src/har/redact.js";
import { secretScrubber } from "../../src/secrets.js";
import { validateCreateCallRequest } from "../../src/validation/index.js";

const SID = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "canary-auth-token-71c2";
const SIP = "canary-sip-password-93";
const CALL_TOKEN = "canary-call-token-4b1e";
const PASSPORT = "canaryPassportAAAA.bbbb.cccc";
const QUERY = "canary-query-secret-0d5";
const SIGNATURE = "canarySignatureXYZ0123456789=";

function entryWith(form: Record<string, string>, echo = "") {
  const body = new URLSearchParams(form).toString();
  return harEntry(
    {
      method: "POST",
      url: `http://127.0.0.1:1/2010-04-01/Accounts/${SID}/Calls.json`,
      rawHeaders: [
        "Authorization",
        basicAuthHeader(SID, TOKEN),
        "X-Twilio-Signature",
        SIGNATURE,
        "Content-Type",
        "application/x-www-form-urlencoded",
      ],
      body: Buffer.from(body),
    },
    {
      status: 400,
      statusText: "Bad Request",
      rawHeaders: ["Content-Type", "application/json"],
      body: Buffer.from(echo),
    },
    { started: new Date(), waitMs: 1, receiveMs: 0 },
    {},
  );
}

const everySpelling = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(`${SID}:${secret}`).toString("base64"),
];

describe("redacting a HAR entry", () => {
  const form = {
    To: "sip:alice@example.com",
    From: "+12125551234",
    Url: `https://app.example/twiml/${TOKEN}`,
    StatusCallback: `https://hook:${QUERY}@app.example/status?token=${QUERY}&leg=a`,
    SipAuthUsername: "alice",
    SipAuthPassword: SIP,
    CallToken: CALL_TOKEN,
    Passports: PASSPORT,
  };
  const echo = JSON.stringify({ message: `you sent ${new URLSearchParams(form)} as ${TOKEN}`, sig: SIGNATURE });
  const redacted = redactEntry(entryWith(form, echo));
  const text = JSON.stringify(redacted.entry);

  it("leaves no secret of any kind anywhere in the entry", () => {
    for (const secret of [TOKEN, SIP, CALL_TOKEN, PASSPORT, QUERY, SIGNATURE])
      for (const spelling of everySpelling(secret)) expect(text).not.toContain(spelling);
  });

  it("keeps the structure: header names and auth scheme, parameter names, URL scheme, host, path and query keys", () => {
    const headers = Object.fromEntries(redacted.entry.request.headers.map((h) => [h.name, h.value]));
    expect(headers.Authorization).toBe("Basic [redacted]");
    expect(headers["X-Twilio-Signature"]).toBe("[redacted]");
    const params = Object.fromEntries((redacted.entry.request.postData?.params ?? []).map((p) => [p.name, p.value]));
    expect(params).toEqual({
      To: "sip:alice@example.com",
      From: "+12125551234",
      Url: "https://app.example/twiml/[redacted]",
      StatusCallback: "https://hook:%5Bredacted%5D@app.example/status?token=%5Bredacted%5D&leg=%5Bredacted%5D",
      SipAuthUsername: "alice",
      SipAuthPassword: "[redacted]",
      CallToken: "[redacted]",
      Passports: "[redacted]",
    });
    expect(redacted.fields.sort()).toEqual(["CallToken", "Passports", "SipAuthPassword", "StatusCallback", "Url"]);
  });

  it("leaves an entry without secrets as it was", () => {
    const plain = entryWith({ To: "+13105555555", From: "+12125551234", Url: "https://app.example/t" });
    const { entry, fields } = redactEntry({ ...plain, request: { ...plain.request, headers: [] } });
    expect(entry.request.postData).toEqual(plain.request.postData);
    expect(entry.request.url).toBe(plain.request.url);
    expect(fields).toEqual([]);
  });

  it("keeps a long callback URL whole when its cut-short form holds no part of a secret", () => {
    const url = `http://127.0.0.1:40423/callbacks/status?token=${QUERY}`;
    const { entry } = redactEntry(entryWith({ StatusCallback: url }));
    expect(entry.request.postData?.params).toEqual([
      { name: "StatusCallback", value: "http://127.0.0.1:40423/callbacks/status?token=%5Bredacted%5D" },
    ]);
  });

  it("scrubs secrets that hold regular-expression characters, the longer of two overlapping ones first", () => {
    const scrub = secretScrubber(["a+b.c(d)*", `${SID}:${TOKEN}`, TOKEN, "abc"]);
    expect(scrub(`x a+b.c(d)* y ${SID}:${TOKEN} z ${TOKEN} abc aXbXc(d)*`)).toBe(
      "x [redacted] y [redacted] z [redacted] abc aXbXc(d)*",
    );
  });

  it("leaves a URL without user information or query alone", () => {
    expect(redactUrl("https://app.example/status")).toEqual({ text: "https://app.example/status", secrets: [] });
  });

  it("shows a violation of a redacted field with the redacted value, even where the value is cut short", () => {
    const long = `https://a.example/s?token=${QUERY}${"x".repeat(40)}`;
    const raw = validateCreateCallRequest({
      To: "+13105555555",
      From: "+12125551234",
      Url: "https://a.example/t",
      StatusCallback: `${long} `,
    });
    expect(new Set(raw.violations.map((v) => v.field))).toEqual(new Set(["StatusCallback"]));
    // The violation's own value is cut at 40 characters, in the middle of the secret.
    expect(raw.violations[0]?.message).toContain(QUERY.slice(0, 10));
    const entry = redactEntry(entryWith({ StatusCallback: `${long} ` }, JSON.stringify(raw.violations)));
    const shown = shownViolations(raw.violations, entry);
    expect(JSON.stringify(shown)).not.toContain(QUERY.slice(0, 10));
    for (const v of shown) expect(v.message).toContain("token=%5Bredacted%5D");
    expect(entry.entry.response.content.text).not.toContain(QUERY.slice(0, 10));
  });
});

describe("redacting a request body sent as text rather than as a form", () => {
  const entryOf = (contentType: string, body: string, headers: string[] = []) =>
    harEntry(
      {
        method: "POST",
        url: `http://127.0.0.1:1/2010-04-01/Accounts/${SID}/Calls.json`,
        rawHeaders: ["Content-Type", contentType, ...headers],
        body: Buffer.from(body),
      },
      undefined,
      { started: new Date(), waitMs: 0, receiveMs: 0 },
      {},
    );
  const bodyOf = (redacted: ReturnType<typeof redactEntry>) => redacted.entry.request.postData?.text;

  it("replaces in JSON every value under a secret-named key, at any depth, and keeps the rest as sent", () => {
    const body = `{"To": "sip:a@example.com", "SipAuthPassword": "${SIP}", "n": {"Token": [1234, "${CALL_TOKEN}", true]}}`;
    const redacted = redactEntry(entryOf("application/json", body));
    expect(bodyOf(redacted)).toBe(
      '{"To": "sip:a@example.com", "SipAuthPassword": "[redacted]", "n": {"Token": ["[redacted]", "[redacted]", true]}}',
    );
    expect(redacted.fields).toEqual(["SipAuthPassword", "Token"]);
  });

  it("reads JSON nested 100,000 deep without running out of stack", () => {
    const deep = 100_000;
    const body = `${"[".repeat(deep)}{"SipAuthPassword": "${SIP}"}${"]".repeat(deep)}`;
    expect(bodyOf(redactEntry(entryOf("application/json", body)))).not.toContain(SIP);
  });

  it("replaces the secret pairs of a text body, one pair a line or joined by &, and keeps the rest as sent", () => {
    const body = `To=%2B13105555555&SipAuthPassword=${SIP}\nCallToken=${CALL_TOKEN}\nplain words`;
    const redacted = redactEntry(entryOf("text/plain", body));
    expect(bodyOf(redacted)).toBe(
      "To=%2B13105555555&SipAuthPassword=%5Bredacted%5D\nCallToken=%5Bredacted%5D\nplain words",
    );
  });

  it("redacts a header named like a secret, keeping its name", () => {
    const redacted = redactEntry(entryOf("text/plain", "", ["X-Auth-Token", TOKEN, "X-Api-Key", QUERY]));
    expect(redacted.entry.request.headers.slice(1)).toEqual([
      { name: "X-Auth-Token", value: "[redacted]" },
      { name: "X-Api-Key", value: "[redacted]" },
    ]);
  });
});
