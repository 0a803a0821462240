// Shared parts of the fault suites: a stateful mock on a manual clock with its admin client, an account of its own
// for each test, one create's parameters, and what the account's calls to a number are once the faults are gone.
import { afterAll, afterEach, beforeAll } from "vitest";
import { type CallsClient, createCallsClient, type TransportKind } from "../../src/client/index.js";
import { type AdminFaultSpec, createAdminClient, type RunningMock, startMock } from "../../src/mock/index.js";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { freshAccount } from "../support/stateful.js";

export { freshAccount };

export const TO = "+13105555555";
export const CREATE = { To: TO, From: "+12125551234", Url: "https://example.com/twiml" } as const;

/**
 * A test file's faulty mock: started before its tests, its faults cleared after each test, stopped after them all.
 * `suite.mock` and `suite.admin` are there once the tests run.
 */
export function faultySuite() {
  const suite = {} as { mock: RunningMock; admin: ReturnType<typeof createAdminClient> };
  beforeAll(async () => {
    Object.assign(suite, await startFaultyMock());
  });
  afterEach(() => suite.admin.clearFaults());
  afterAll(() => suite.mock?.stop());
  return suite;
}

export async function startFaultyMock(log: string[] = []) {
  const mock = await startMock({ stateful: true, clock: "manual", seed: "faults", log: (line) => log.push(line) });
  const admin = createAdminClient(mock.adminUrl as string);
  return { mock, admin };
}

/** A client of the account on one transport; `maxAttempts` 1 unless a test looks at retries. */
export function clientOf(
  mock: RunningMock,
  accountSid: string,
  transport: TransportKind,
  extra: { maxAttempts?: number; timeoutMs?: number } = {},
): CallsClient {
  return createCallsClient({
    accountSid,
    authToken: AUTH_TOKEN,
    baseUrl: mock.baseUrl,
    transport,
    timeoutMs: extra.timeoutMs ?? 5000,
    // Retries without waiting: a test looks at what is retried, not at the backoff.
    retry: { maxAttempts: extra.maxAttempts ?? 1, sleep: async () => {} },
  });
}

/** A fault on this account's creates only, firing once unless the spec says otherwise. */
export const onCreates = (accountSid: string, spec: AdminFaultSpec): AdminFaultSpec => ({
  times: 1,
  ...spec,
  match: { operation: "createCall", accountSid, ...spec.match },
});

/** The SIDs of the account's calls to TO, read with a client no fault touches (faults here match creates only). */
export async function storedSids(mock: RunningMock, accountSid: string): Promise<string[]> {
  const page = await clientOf(mock, accountSid, "undici").list({ To: TO });
  return page.calls.map((call) => call.sid);
}

/** What a promise settles to, rejection included, and how long it took. */
export async function outcomeOf<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}
