// Check "SID regexes": two letters and 32 hex digits, for every SID the contract carries, through the public
// validators at the place each SID is used. Upper- and lower-case hex pass; 33 and 35 characters, a non-hex
// digit and a wrong prefix fail.
import { describe, expect, it } from "vitest";
import { type ValidationResult, validateBody, validateCall, validatePathParams } from "../../src/validation/index.js";
import { completedCall } from "../support/fixtures.js";

const HEX = "0123456789abcdef0123456789abcdef";
const create = { To: "+13105555555", From: "+12125551234" };

const sites: Record<string, { field: string; check: (sid: string) => ValidationResult }> = {
  AC: { field: "AccountSid", check: (sid) => validatePathParams("listCalls", { AccountSid: sid }) },
  CA: { field: "Sid", check: (sid) => validatePathParams("fetchCall", { AccountSid: `AC${HEX}`, Sid: sid }) },
  AP: { field: "ApplicationSid", check: (sid) => validateBody("createCall", { ...create, ApplicationSid: sid }) },
  BY: {
    field: "Byoc",
    check: (sid) => validateBody("createCall", { ...create, Url: "https://example.com/t", Byoc: sid }),
  },
  PN: { field: "phone_number_sid", check: (sid) => validateCall(completedCall({ phone_number_sid: sid })) },
  GP: { field: "group_sid", check: (sid) => validateCall(completedCall({ group_sid: sid })) },
  TK: { field: "trunk_sid", check: (sid) => validateCall(completedCall({ trunk_sid: sid })) },
};

const good: Array<[string, (prefix: string) => string]> = [
  ["lower-case hex", (p) => `${p}${HEX}`],
  ["upper-case hex", (p) => `${p}${HEX.toUpperCase()}`],
];
const bad: Array<[string, (prefix: string) => string]> = [
  ["33 characters", (p) => `${p}${HEX.slice(1)}`],
  ["35 characters", (p) => `${p}${HEX}0`],
  ["a non-hex digit", (p) => `${p}${HEX.slice(0, 31)}g`],
  ["a wrong prefix", (p) => `${p === "CA" ? "CF" : "CA"}${HEX}`],
  ["a lower-case prefix", (p) => `${p.toLowerCase()}${HEX}`],
];

describe("check SID regexes", () => {
  for (const [prefix, site] of Object.entries(sites)) {
    it.each(good)(`accepts a ${prefix} SID with %s`, (_, make) => {
      expect(site.check(make(prefix)).violations).toEqual([]);
    });
    it.each(bad)(`rejects a ${prefix} SID with %s`, (_, make) => {
      const fields = site.check(make(prefix)).violations.map((v) => v.field);
      expect(fields.length).toBeGreaterThan(0);
      expect(new Set(fields)).toEqual(new Set([site.field]));
    });
  }
});
