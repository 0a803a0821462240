// Issue 25's measured reconciliation: over 1,000 seeded runs of the reset-after-store fault (half on each built-in
// transport), exactly one stored call per create, the recipe reconciling every time (it does so only after a create
// failed with mayHaveBeenPlaced: true), and no duplicate call.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { AdminClient, RunningMock } from "../../src/mock/index.js";
import { startFaultyMock } from "./harness.js";
import { reconcileRuns } from "./reconcile-runs.js";

// The slow lane has no alias for the package's own names; the recipe's imports mean the sources, as in npm test.
vi.mock("calls-contract", () => import("../../src/index.js"));
vi.mock("calls-contract/client", () => import("../../src/client/index.js"));
vi.mock("calls-contract/mock", () => import("../../src/mock/index.js"));

let mock: RunningMock;
let admin: AdminClient;

beforeAll(async () => {
  ({ mock, admin } = await startFaultyMock());
});
afterAll(() => mock?.stop());

it("leaves exactly one call per create and no duplicate over 1,000 seeded runs of reset-after-store", async () => {
  const totals = await reconcileRuns(mock, admin, "issue-25", 1000);
  expect(totals).toEqual({ runs: 1000, oneStored: 1000, reconciled: 1000, duplicates: 0, sameCall: 1000 });
});
