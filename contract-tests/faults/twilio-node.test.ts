// Each request fault kind as twilio-node (the devDependency) sees it: a RestException with Twilio's status and code,
// axios's network errors, a SyntaxError for a body that is not JSON, its own timeout, and its opt-in retry of 429
// (RequestClient's autoRetry, which retries 429 only). It is pointed at the mock by its own HTTP client, as
// docs/sdks.md shows, with the client options these cases need.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient, RunningMock } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount, onCreates, outcomeOf, startFaultyMock, storedSids, TO } from "./harness.js";

/** twilio-node's HTTP client, sending to the mock, with its own options (timeout, autoRetry). */
class FaultyMockClient extends twilio.RequestClient {
  constructor(
    private readonly mockUrl: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    return super.request({ ...options, uri: options.uri.replace(/^https:\/\/[^/]+/, this.mockUrl) });
  }
}

let mock: RunningMock;
let admin: AdminClient;

beforeAll(async () => {
  ({ mock, admin } = await startFaultyMock());
});
afterAll(() => mock?.stop());

function sdkOf(accountSid: string, options: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
  return twilio(accountSid, AUTH_TOKEN, {
    httpClient: new FaultyMockClient(mock.baseUrl, { timeout: 5000, ...options }),
  });
}

const createWith = (accountSid: string, options?: ConstructorParameters<typeof twilio.RequestClient>[0]) =>
  outcomeOf(sdkOf(accountSid, options).calls.create({ to: TO, from: "+12125551234", url: "https://example.com/t" }));

describe("twilio-node against the mock's faults", () => {
  it.each([
    ["latency-fixed", { kind: "latency-fixed", ms: 40 }],
    ["latency-uniform", { kind: "latency-uniform", minMs: 5, maxMs: 30 }],
    ["latency-lognormal", { kind: "latency-lognormal", medianMs: 10, sigma: 0.5 }],
    ["dribbled-body", { kind: "dribbled-body", chunkBytes: 5, intervalMs: 0 }],
    ["slow-headers within its timeout", { kind: "slow-headers", ms: 80 }],
  ] as const)("gets its call through %s", async (_, spec) => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, spec));
    const { value } = await createWith(account);
    expect(await storedSids(mock, account)).toEqual([value?.sid]);
  });

  it.each([
    ["rate-limit", 429, 20429],
    ["server-error", 500, 20500],
    ["service-unavailable", 503, 20503],
  ] as const)(
    "throws a RestException for %s with status %i and code %i; nothing is stored",
    async (kind, status, code) => {
      const account = freshAccount();
      await admin.addFault(onCreates(account, { kind }));
      const { error } = await createWith(account);
      expect(error).toMatchObject({ name: "Error", status, code });
      expect(error?.constructor.name).toBe("RestException");
      expect(await storedSids(mock, account)).toEqual([]);
    },
  );

  it("retries a 429 with autoRetry and places the call once", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "rate-limit", times: 2 }));
    const { value } = await createWith(account, { autoRetry: true, maxRetryDelay: 20 });
    expect(await storedSids(mock, account)).toEqual([value?.sid]);
  });

  it.each([
    ["reset-before-response", 0],
    ["reset-after-store", 1],
  ] as const)("rejects with axios's ECONNRESET for %s; %i call stored", async (kind, stored) => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind }));
    const { error } = await createWith(account);
    expect(error).toMatchObject({ code: "ECONNRESET" });
    expect(await storedSids(mock, account)).toHaveLength(stored);
  });

  it.each([
    ["empty-body", /Unexpected end of JSON input/],
    ["malformed-json", /JSON/],
  ] as const)("rejects with a SyntaxError for %s, and the call is stored", async (kind, message) => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind }));
    const { error } = await createWith(account);
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toMatch(message);
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("rejects with axios's aborted stream for truncated-body, and the call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "truncated-body" }));
    const { error } = await createWith(account);
    expect(error).toMatchObject({ name: "AxiosError", code: "ERR_BAD_RESPONSE" });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });

  it("times out with ECONNABORTED on slow-headers past its timeout, and the call is stored", async () => {
    const account = freshAccount();
    await admin.addFault(onCreates(account, { kind: "slow-headers", ms: 600 }));
    const { error } = await createWith(account, { timeout: 150 });
    expect(error).toMatchObject({ code: "ECONNABORTED" });
    expect(await storedSids(mock, account)).toHaveLength(1);
  });
});
