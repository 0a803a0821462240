// The reconciliation recipe docs/faults.md shows (place-once.ts, word for word) against the faults that leave a
// create in doubt: the call stored and the connection dropped, or dropped before anything was stored. Its measured
// version over 1,000 seeded runs is reconcile.slow.ts; a few of those runs are here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TRANSPORTS } from "../support/transports.js";
import { CREATE, clientOf, faultySuite, freshAccount, onCreates, storedSids } from "./harness.js";
import { placeOnce } from "./place-once.js";
import { reconcileRuns } from "./reconcile-runs.js";

const suite = faultySuite();

describe("the reconciliation recipe", () => {
  it("is shown in docs/faults.md word for word", () => {
    const page = readFileSync(new URL("../../docs/faults.md", import.meta.url), "utf8");
    const blocks = [...page.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks).toContain(readFileSync(new URL("./place-once.ts", import.meta.url), "utf8"));
  });

  describe.each(TRANSPORTS)("on the %s transport", (transport) => {
    it("finds the call a create stored before its connection was reset, and places no second one", async () => {
      const account = freshAccount();
      await suite.admin.addFault(onCreates(account, { kind: "reset-after-store" }));
      const { call, reconciled } = await placeOnce(clientOf(suite.mock, account, transport), CREATE);
      expect(reconciled).toBe(true);
      expect(await storedSids(suite.mock, account)).toEqual([call.sid]);
    });

    it("places the call again when the reset came before anything was stored, once", async () => {
      const account = freshAccount();
      await suite.admin.addFault(onCreates(account, { kind: "reset-before-response" }));
      const { call, reconciled } = await placeOnce(clientOf(suite.mock, account, transport), CREATE);
      expect(reconciled).toBe(false);
      expect(await storedSids(suite.mock, account)).toEqual([call.sid]);
    });
  });

  it("does not take a call it already knows to the same number for the one in doubt", async () => {
    const account = freshAccount();
    const client = clientOf(suite.mock, account, "undici");
    const earlier = await client.create(CREATE);
    await suite.admin.addFault(onCreates(account, { kind: "reset-before-response" }));
    const { call } = await placeOnce(client, CREATE, new Set([earlier.sid]));
    expect(call.sid).not.toBe(earlier.sid);
    expect((await storedSids(suite.mock, account)).sort()).toEqual([earlier.sid, call.sid].sort());
  });

  it("gives up after its attempts, rethrowing the last error", async () => {
    const account = freshAccount();
    await suite.admin.addFault(onCreates(account, { kind: "reset-before-response", times: 3 }));
    await expect(placeOnce(clientOf(suite.mock, account, "node"), CREATE)).rejects.toMatchObject({
      kind: "network",
      mayHaveBeenPlaced: true,
    });
    expect(await storedSids(suite.mock, account)).toEqual([]);
  });

  it("leaves one call per create and no duplicate over a few seeded runs", async () => {
    const totals = await reconcileRuns(suite.mock, suite.admin, "npm-test", 6);
    expect(totals).toEqual({ runs: 6, oneStored: 6, reconciled: 6, duplicates: 0, sameCall: 6 });
  });
});
