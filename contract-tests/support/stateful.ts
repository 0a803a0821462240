// A stateful mock on a manual clock for a test file, with its admin client and a typed Calls client per account.
import { randomBytes } from "node:crypto";
import { type CallsClient, createCallsClient } from "../../src/client/index.js";
import {
  type AdminClient,
  createAdminClient,
  type MockOptions,
  type RunningMock,
  startMock,
} from "../../src/mock/index.js";
import { AUTH_TOKEN } from "./fixtures.js";

export interface StatefulHarness {
  mock: RunningMock;
  admin: AdminClient;
  logged: string[];
  /** A Calls client for `accountSid`, pointed at the mock. */
  client(accountSid: string): CallsClient;
  stop(): Promise<void>;
}

/** An account of its own for one test: the stateful mock never shows it another's calls. */
export const freshAccount = () => `AC${randomBytes(16).toString("hex")}`;

export async function startStatefulHarness(options: MockOptions = {}): Promise<StatefulHarness> {
  const logged: string[] = [];
  const mock = await startMock({
    stateful: true,
    clock: "manual",
    checkResponses: true,
    log: (line) => logged.push(line),
    ...options,
  });
  if (!mock.adminUrl) throw new Error("a stateful mock has an admin URL");
  return {
    mock,
    admin: createAdminClient(mock.adminUrl),
    logged,
    // No retries: a test sees each response of the mock as it was given.
    client: (accountSid) =>
      createCallsClient({ accountSid, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl, retry: { maxAttempts: 1 } }),
    stop: () => mock.stop(),
  };
}
