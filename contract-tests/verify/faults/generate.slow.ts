// The generate score (issue 24): `verify --generate` with a fixed seed finds every catalogue entry, each under a
// check that fits its defect, and finds nothing on the faithful server. The failure message lists every entry it
// missed with what verify reported there. FAULTS=name,name narrows the run to those entries.
import { describe, expect, it } from "vitest";
import { selectedEntries } from "../../support/faulty-catalogue.js";
import {
  CATALOGUE_ACCOUNTS,
  failuresOn,
  type RunOptions,
  reported,
  scoreCatalogue,
  scoreReport,
} from "../../support/faulty-score.js";
import { faithful } from "../../support/faulty-server.js";

/** One seed for the whole catalogue, so that a score repeats; enough cases for every phase to reach every server. */
const GENERATE: RunOptions = {
  secondCredentials: CATALOGUE_ACCOUNTS[1],
  generate: { seed: 24, maxCases: 500 },
};

describe("verify --generate on the seeded-fault catalogue", () => {
  it("reports no failure on the faithful server", async () => {
    const failures = await failuresOn(faithful, GENERATE);
    expect(failures.map((o) => `${o.check}: ${o.operation} ${o.subject}: ${o.actual}`)).toEqual([]);
  });

  it("finds every entry, naming a check that fits it", { timeout: 900_000 }, async () => {
    const scores = await scoreCatalogue(selectedEntries(), GENERATE);
    console.log(scoreReport("verify --generate (seed 24) on the seeded-fault catalogue", scores));
    const missed = scores
      .filter((s) => !s.found)
      .map((s) => `${s.entry.name} (fits ${s.entry.fits.join(" or ")}): verify reported ${reported(s, 5)}`);
    expect(missed, `${missed.length} of ${scores.length} entries missed`).toEqual([]);
  });
});
