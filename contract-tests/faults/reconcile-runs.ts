// The measured version of the reconciliation recipe (place-once.ts) against the reset-after-store fault: each run
// has an account of its own, a fault that drops the connection after its first create is stored, and the recipe.
// It counts what issue 25 asks: one stored call per create, the recipe reconciling (which it does only after a
// create failed with mayHaveBeenPlaced: true), and duplicates.
import { createHash } from "node:crypto";
import { createCallsClient } from "calls-contract/client";
import type { AdminClient, RunningMock } from "calls-contract/mock";
import { AUTH_TOKEN } from "../support/fixtures.js";
import { placeOnce } from "./place-once.js";

export interface RunTotals {
  runs: number;
  /** Runs whose create left exactly one call stored. */
  oneStored: number;
  /** Runs where the recipe found the call after a create that may have been placed. */
  reconciled: number;
  /** Calls past the first to the run's number, summed over runs. */
  duplicates: number;
  /** Runs where the call the recipe returned is the one stored. */
  sameCall: number;
}

/** The run's account and number, from its seed: the same seed, the same runs. */
function runParts(seed: string, run: number) {
  const digest = createHash("sha256").update(`${seed}:${run}`).digest("hex");
  return { accountSid: `AC${digest.slice(0, 32)}`, to: `+1310555${String(run % 10_000).padStart(4, "0")}` };
}

export async function reconcileRuns(mock: RunningMock, admin: AdminClient, seed: string, runs: number) {
  const totals: RunTotals = { runs, oneStored: 0, reconciled: 0, duplicates: 0, sameCall: 0 };
  for (let run = 0; run < runs; run++) {
    const { accountSid, to } = runParts(seed, run);
    await admin.addFault({
      kind: "reset-after-store",
      match: { operation: "createCall", accountSid },
      times: 1,
      seed: `${seed}:${run}`,
    });
    const transport = run % 2 === 0 ? "undici" : "node";
    const client = createCallsClient({ accountSid, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl, transport });
    const { call, reconciled } = await placeOnce(client, {
      To: to,
      From: "+12125551234",
      Url: "https://example.com/t",
    });
    const stored = (await client.list({ To: to })).calls;
    totals.oneStored += stored.length === 1 ? 1 : 0;
    totals.reconciled += reconciled ? 1 : 0;
    totals.duplicates += Math.max(0, stored.length - 1);
    totals.sameCall += stored.length === 1 && stored[0]?.sid === call.sid ? 1 : 0;
  }
  await admin.clearFaults();
  return totals;
}
