// The webhook helpers given bodies shaped to hurt: a 10 MB key, 50,000 keys, and the names of Object.prototype's
// members. parseWebhook throws a WebhookError quickly (bad-signature when the signature does not match, else
// invalid-body), its message stays small, and it never holds the auth token.
import { describe, expect, it } from "vitest";
import { computeSignature, parseWebhook, validateWebhook, WebhookError } from "../../src/index.js";
import { HANG_MS, KiB } from "./harness.js";

const TOKEN = "webhook-hostile-token-41f0c2";
const URL = "https://example.com/status?tenant=7";

const BODIES: Array<[string, string]> = [
  ["a 10 MB key", `${"a".repeat(10_000_000)}=1`],
  ["50,000 keys", Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join("&")],
  ["__proto__=x", "__proto__=x"],
  ["constructor=1", "constructor=1"],
  ["__proto__[polluted]=1", "__proto__%5Bpolluted%5D=1"],
];

/** The WebhookError parseWebhook throws, and how long it took to throw it. */
function thrown(body: string, signature: string): { error: unknown; ms: number } {
  const started = performance.now();
  try {
    parseWebhook("statusCallback", { url: URL, body, signature, authToken: TOKEN });
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error("expected parseWebhook to throw, and it returned a payload");
}

describe("parseWebhook given a hostile body", () => {
  it.each(BODIES)("throws invalid-body quickly for %s with a valid signature, in a short message", (_, body) => {
    const { error, ms } = thrown(body, computeSignature(TOKEN, URL, body));
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).reason).toBe("invalid-body");
    expect(ms).toBeLessThan(HANG_MS);
    expect((error as Error).message.length).toBeLessThan(64 * KiB);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it.each(BODIES)("throws bad-signature quickly for %s with a wrong signature, in a short message", (_, body) => {
    const { error, ms } = thrown(body, computeSignature("another-token", URL, body));
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).reason).toBe("bad-signature");
    expect(ms).toBeLessThan(HANG_MS);
    expect((error as Error).message.length).toBeLessThan(64 * KiB);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("leaves Object.prototype alone after parsing __proto__ and constructor keys", () => {
    const body = "__proto__%5Bpolluted%5D=1&constructor%5Bprototype%5D%5Bpolluted%5D=1&__proto__=x";
    thrown(body, computeSignature(TOKEN, URL, body));
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("validateWebhook given a hostile body", () => {
  it("checks 50,000 keys quickly and returns a bounded list of violations", () => {
    const started = performance.now();
    const result = validateWebhook("statusCallback", Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join("&"));
    expect(performance.now() - started).toBeLessThan(HANG_MS);
    expect(result.valid).toBe(false);
    expect(result.violations.length).toBeLessThan(1000);
    expect(result.violations.map((v) => v.message).join("; ").length).toBeLessThan(64 * KiB);
  });
});
