// validateCreateCallRequest, the validator the mock and the client share, given forms shaped to hurt: it returns
// quickly, names what is wrong in short words (a huge key or value shortened, a huge list capped), and treats the
// names of Object.prototype's members as the unknown fields they are.
import { describe, expect, it } from "vitest";
import { validateCreateCallRequest } from "../../src/index.js";
import { HANG_MS, KiB, VALID_CREATE } from "./harness.js";

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const words = (violations: Array<{ field: string; message: string }>) =>
  violations.map((v) => `${v.field} ${v.message}`).join("\n");

describe("validateCreateCallRequest given a hostile form", () => {
  it("reports a 10 MB key quickly, naming it shortened", () => {
    const { result, ms } = timed(() => validateCreateCallRequest(`${"a".repeat(10_000_000)}=1&${VALID_CREATE}`));
    expect(ms).toBeLessThan(HANG_MS);
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => v.rule)).toContain("additionalProperties");
    expect(words(result.violations)).toContain("aaaaaaaaaaaaaaaa");
    expect(words(result.violations).length).toBeLessThan(64 * KiB);
  });

  it("reports a 10 MB value of Twiml quickly, showing it shortened", () => {
    const form = `To=%2B13105555555&From=%2B12125551234&Twiml=${"x".repeat(10_000_000)}`;
    const { result, ms } = timed(() => validateCreateCallRequest(form));
    expect(ms).toBeLessThan(HANG_MS);
    expect(result.violations.map((v) => v.field)).toContain("Twiml");
    expect(words(result.violations).length).toBeLessThan(64 * KiB);
  });

  it("reports 50,000 unknown keys in a capped list that says how many more there are", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join("&");
    const { result, ms } = timed(() => validateCreateCallRequest(`${keys}&${VALID_CREATE}`));
    expect(ms).toBeLessThan(HANG_MS);
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations.length).toBeLessThan(1000);
    expect(words(result.violations).length).toBeLessThan(64 * KiB);
    expect(words(result.violations)).toMatch(/\bmore\b/);
  });

  it("reports one key sent 100,000 times once, with a short value", () => {
    const { result, ms } = timed(() => validateCreateCallRequest(`${"Timeout=1&".repeat(100_000)}${VALID_CREATE}`));
    expect(ms).toBeLessThan(HANG_MS);
    expect(result.violations.filter((v) => v.field === "Timeout")).toHaveLength(1);
    expect(words(result.violations).length).toBeLessThan(64 * KiB);
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "reports %s as an unknown field and leaves Object.prototype alone",
    (key) => {
      const { result } = timed(() => validateCreateCallRequest(`${key}=x&${VALID_CREATE}`));
      expect(result.violations).toContainEqual(expect.objectContaining({ field: key, rule: "additionalProperties" }));
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      expect(Object.hasOwn(Object.prototype, "x")).toBe(false);
    },
  );
});
