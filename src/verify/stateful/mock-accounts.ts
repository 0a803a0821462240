// calls-contract's own stateful mock knows an account's auth token only when its admin API is given it
// (PUT /__mock/api/accounts/{AccountSid}, openapi/mock-admin.yaml); then it refuses a wrong token and another
// account's credentials as Twilio does. verify gives it the run's accounts first, so that its credential checks
// (credentials.ts) hold the mock to Twilio's rules instead of failing on a mock that takes any token.
import type { Credentials } from "../http.js";

/** Gives the mock at `adminUrl` (a running stateful mock's adminUrl) each account's token; throws when refused. */
export async function registerMockAccounts(adminUrl: string, accounts: Credentials[]): Promise<void> {
  for (const { accountSid, authToken } of accounts) {
    const response = await fetch(`${adminUrl.replace(/\/+$/, "")}/accounts/${encodeURIComponent(accountSid)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ authToken }),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    if (response.status !== 204)
      throw new Error(`the mock's admin API did not take account ${accountSid}'s token: status ${response.status}`);
  }
}
