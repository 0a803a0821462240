// The stateful mock authenticates the accounts whose token the admin API was given, as Twilio does: the wrong token
// gets 401 with code 20003 (https://www.twilio.com/docs/errors/20003), another account's credentials on the
// account's path get 404 with code 20404 (the spec's AccountNotFound), an API key user is let in (the mock cannot
// check a key's secret), and an account never registered takes any credentials, as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuthHeader } from "../../src/basic-auth.js";
import { freshAccount, type StatefulHarness, startStatefulHarness } from "../support/stateful.js";

let harness: StatefulHarness;
beforeAll(async () => {
  harness = await startStatefulHarness({ seed: "account-auth" });
});
afterAll(() => harness.stop());

const TOKEN = "registered-token-of-the-account";

async function listAs(pathAccount: string, user: string, password: string) {
  const response = await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${pathAccount}/Calls.json`, {
    headers: { Authorization: basicAuthHeader(user, password), Accept: "application/json" },
  });
  return { status: response.status, body: (await response.json()) as { code?: number; calls?: unknown[] } };
}

async function registered(): Promise<string> {
  const accountSid = freshAccount();
  await harness.admin.setAuthToken(accountSid, TOKEN);
  return accountSid;
}

describe("a registered account on the stateful mock", () => {
  it("serves its own credentials", async () => {
    const accountSid = await registered();
    expect((await listAs(accountSid, accountSid, TOKEN)).status).toBe(200);
  });

  it("refuses the wrong token with 401 and code 20003", async () => {
    const accountSid = await registered();
    const { status, body } = await listAs(accountSid, accountSid, "not-the-token");
    expect(status).toBe(401);
    expect(body.code).toBe(20003);
  });

  it("refuses another account's credentials on its path with 404 and code 20404", async () => {
    const accountSid = await registered();
    const { status, body } = await listAs(accountSid, freshAccount(), "any-token");
    expect(status).toBe(404);
    expect(body.code).toBe(20404);
  });

  it("refuses another registered account whose own token is wrong with 401", async () => {
    const accountSid = await registered();
    const other = await registered();
    expect((await listAs(accountSid, other, "not-the-token")).status).toBe(401);
  });

  it("lets an API key user in, whose secret the mock cannot check", async () => {
    const accountSid = await registered();
    expect((await listAs(accountSid, `SK${"0".repeat(32)}`, "key-secret")).status).toBe(200);
  });

  it("refuses a wrong token on a create and keeps no call", async () => {
    const accountSid = await registered();
    const response = await fetch(`${harness.mock.baseUrl}/2010-04-01/Accounts/${accountSid}/Calls.json`, {
      method: "POST",
      headers: {
        Authorization: basicAuthHeader(accountSid, "not-the-token"),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "To=%2B13105550123&From=%2B12125550147&Url=https%3A%2F%2Fexample.invalid%2Ft",
    });
    expect(response.status).toBe(401);
    expect((await listAs(accountSid, accountSid, TOKEN)).body.calls).toEqual([]);
  });
});

describe("an account never registered on the stateful mock", () => {
  it("takes any token, as the mock always has", async () => {
    const accountSid = freshAccount();
    expect((await listAs(accountSid, accountSid, "any-token-at-all")).status).toBe(200);
  });
});
