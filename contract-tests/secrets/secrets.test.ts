// One rule for what a secret is, and one marker, whichever output asks: a violation, a HAR entry or a scrubbed line.
import { describe, expect, it } from "vitest";
import { redactEntry } from "../../src/har/redact.js";
import type { HarEntry } from "../../src/har/types.js";
import { credentialForms, isSecretHeader, isSecretName, REDACTED, secretScrubber } from "../../src/secrets.js";
import { validateListCallsQuery } from "../../src/validation/index.js";

const entry = (query: string): HarEntry =>
  ({
    startedDateTime: "2026-01-01T00:00:00.000Z",
    time: 1,
    request: {
      method: "GET",
      url: `http://127.0.0.1:1/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json?${query}`,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      queryString: [...new URLSearchParams(query)].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: "OK",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: "application/json" },
      redirectURL: "",
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  }) as HarEntry;

describe("what counts as a secret", () => {
  it("names passwords and tokens however they are spelled", () => {
    for (const name of ["SipAuthPassword", "SipAuthPasswrd", "CallToken", "Passports", "client_secret"])
      expect(isSecretName(name), name).toBe(true);
  });

  it("names credential headers by the same rule, and the usual ones that do not say so", () => {
    for (const name of ["Authorization", "X-Auth-Token", "x-api-key", "X-Session-Secret", "Cookie"])
      expect(isSecretHeader(name), name).toBe(true);
    for (const name of ["Content-Type", "X-Request-Id", "Host"]) expect(isSecretHeader(name), name).toBe(false);
  });

  it("does not name a page cursor, which every next_page_uri shows", () => {
    expect(isSecretName("PageToken")).toBe(false);
  });

  it("keeps a PageToken in a violation and in a HAR entry alike", () => {
    const result = validateListCallsQuery({ PageToken: ["PAabc", "PAdef"] });
    expect(result.violations).toMatchObject([{ field: "PageToken", value: ["PAabc", "PAdef"] }]);
    const redacted = redactEntry(entry("PageToken=PAabcdef&SipAuthPassword=hunter22"));
    expect(redacted.entry.request.queryString).toEqual([
      { name: "PageToken", value: "PAabcdef" },
      { name: "SipAuthPassword", value: REDACTED },
    ]);
  });

  it("hides a token echoed in capitals, and the base64 of the token alone", () => {
    const token = "feedface0011223344556677aabbccdd";
    const scrub = secretScrubber(credentialForms(`AC${"0".repeat(32)}`, token));
    const echoed = `token=${token.toUpperCase()} b64=${Buffer.from(token).toString("base64")}`;
    expect(scrub(echoed)).toBe(`token=${REDACTED} b64=${REDACTED}`);
  });

  it("writes the same marker wherever a secret was", () => {
    expect(secretScrubber(["hunter22"])("pw=hunter22")).toBe(`pw=${REDACTED}`);
    expect(REDACTED).toBe("[redacted]");
  });
});
