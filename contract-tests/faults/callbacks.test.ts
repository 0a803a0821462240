// The callback faults (duplicate-callback, out-of-order-callback): put in place through the admin API, and asked
// for by the delivery of status callbacks through the one function it calls before sending each callback,
// FaultRegistry.forCallback, reached here as the delivery code reaches it (the stateful mock's `faults`).
import { describe, expect, it } from "vitest";
import { statefulInternals } from "../../src/mock/stateful/internals.js";
import { faultySuite, freshAccount, TO } from "./harness.js";

const suite = faultySuite();

const CALL_SID = "CA0123456789abcdef0123456789abcdef";
const ask = (accountSid: string, event: string, sequence: number) =>
  statefulInternals(suite.mock).faults.forCallback({ accountSid, callSid: CALL_SID, to: TO, event, sequence });

describe("callback faults", () => {
  it("tell the delivery to send a matching callback `copies` more times, and record the firing", async () => {
    const account = freshAccount();
    const fault = await suite.admin.addFault({
      kind: "duplicate-callback",
      match: { accountSid: account, event: "ringing" },
      copies: 2,
    });
    expect(ask(account, "initiated", 0)).toBeUndefined();
    expect(ask(account, "ringing", 1)).toEqual({ faultId: fault.id, kind: "duplicate-callback", copies: 2 });
    const { faults, fired } = await suite.admin.faults();
    expect(faults[0]?.fired).toBe(1);
    expect(fired[0]).toMatchObject({
      faultId: fault.id,
      callback: { callSid: CALL_SID, event: "ringing", sequence: 1 },
    });
  });

  it("tell the delivery to hold a callback back, 5000 ms at most unless holdMs says otherwise", async () => {
    const account = freshAccount();
    const fault = await suite.admin.addFault({
      kind: "out-of-order-callback",
      match: { accountSid: account },
      times: 1,
    });
    expect(ask(account, "initiated", 0)).toEqual({ faultId: fault.id, kind: "out-of-order-callback", holdMs: 5000 });
    expect(ask(account, "ringing", 1)).toBeUndefined();
  });

  it("are forgotten by /reset of their callback's account, and kept for another account's", async () => {
    const [one, other] = [freshAccount(), freshAccount()];
    await suite.admin.addFault({ kind: "duplicate-callback" });
    ask(one, "ringing", 1);
    ask(other, "ringing", 1);
    const accounts = async () => (await suite.admin.faults()).fired.map((f) => f.callback?.accountSid);
    expect((await accounts()).slice(0, 2)).toEqual([other, one]);
    await suite.admin.reset(one);
    expect((await accounts()).slice(0, 1)).toEqual([other]);
    expect(await accounts()).not.toContain(one);
  });

  it("leave the calls of another To alone", async () => {
    const account = freshAccount();
    await suite.admin.addFault({ kind: "duplicate-callback", match: { to: "+13105550000" } });
    expect(ask(account, "ringing", 1)).toBeUndefined();
  });

  it("do not act on Calls API requests", async () => {
    const account = freshAccount();
    await suite.admin.addFault({ kind: "duplicate-callback", match: { accountSid: account } });
    const response = await fetch(`${suite.mock.baseUrl}/2010-04-01/Accounts/${account}/Calls.json`, {
      headers: { Authorization: `Basic ${Buffer.from(`${account}:token`).toString("base64")}` },
    });
    expect(response.status).toBe(200);
    expect((await suite.admin.faults()).faults[0]?.fired).toBe(0);
  });

  it("fire on the same callbacks for the same seed", async () => {
    const pattern = async () => {
      const account = freshAccount();
      await suite.admin.addFault({
        kind: "duplicate-callback",
        match: { accountSid: account },
        probability: 0.5,
        seed: "cb",
      });
      const fired = Array.from({ length: 30 }, (_, i) => ask(account, "ringing", i) !== undefined);
      await suite.admin.clearFaults();
      return fired;
    };
    const first = await pattern();
    expect(new Set(first).size).toBe(2);
    expect(await pattern()).toEqual(first);
  });
});
