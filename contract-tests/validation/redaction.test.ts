// What a violation may show: never a secret, even under a misspelt name or inside a whole value.
import { describe, expect, it } from "vitest";
import { validateCall, validateCreateCallRequest } from "../../src/validation/index.js";

const SIP_PASSWORD = "sip-password-that-must-not-leak";

describe("redaction in violations", () => {
  it.each(["SipAuthPasword", "SipAuthPasswrd", "sipauthpassword"])(
    "redacts a password sent under the misspelt name %s",
    (name) => {
      const result = validateCreateCallRequest({
        To: "sip:pat@example.com",
        From: "client:x",
        Url: "https://example.com/t",
        [name]: SIP_PASSWORD,
      });
      expect(result.violations.map((v) => v.rule)).toEqual(["additionalProperties"]);
      expect(JSON.stringify(result.violations)).not.toContain(SIP_PASSWORD);
    },
  );

  it("redacts secrets inside a whole value it shows", () => {
    const result = validateCall([{ SipAuthPassword: SIP_PASSWORD, note: "kept" }]);
    expect(result.violations.map((v) => v.rule)).toEqual(["type"]);
    expect(result.violations[0]?.value).toEqual([{ SipAuthPassword: "[redacted]", note: "kept" }]);
  });

  it("shortens a long value instead of repeating it whole", () => {
    const result = validateCreateCallRequest({
      To: "+13105555555",
      From: "+12125551234",
      Url: `ftp://${"a".repeat(500)}`,
    });
    expect(result.violations.map((v) => v.value)).toEqual([`ftp://${"a".repeat(34)}… (506 characters)`]);
  });
});
