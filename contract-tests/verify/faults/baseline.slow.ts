// The baseline score: today's fixed corpus (verify without --generate) against every catalogue server. The entries
// it finds are computed and held to the catalogue's fixedCorpusFinds marks, so that a change to verify or to the
// catalogue that moves the score fails here until the marks (and the figures in docs/verify.md) follow.
// FAULTS=name,name narrows the run to those entries.
import { beforeAll, describe, expect, it } from "vitest";
import { startMock } from "../../../src/mock/index.js";
import { runVerify } from "../../../src/verify/index.js";
import { selectedEntries } from "../../support/faulty-catalogue.js";
import {
  CATALOGUE_ACCOUNTS,
  type EntryScore,
  failuresOn,
  reported,
  scoreCatalogue,
  scoreReport,
} from "../../support/faulty-score.js";
import { faithful } from "../../support/faulty-server.js";

describe("the fixed corpus on the seeded-fault catalogue", () => {
  it("reports no failure on the stateful mock itself", async () => {
    const mock = await startMock({ stateful: true, clock: "manual", checkResponses: true, log: () => undefined });
    try {
      const { outcomes } = await runVerify({ baseUrl: mock.baseUrl, credentials: CATALOGUE_ACCOUNTS[0] });
      expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    } finally {
      await mock.stop();
    }
  });

  it("reports no failure on the faithful server in front of it", async () => {
    expect(await failuresOn(faithful)).toEqual([]);
  });

  describe("on every entry", () => {
    let scores: EntryScore[] = [];
    beforeAll(async () => {
      scores = await scoreCatalogue(selectedEntries());
      console.log(scoreReport("verify's fixed corpus on the seeded-fault catalogue", scores));
    });

    it("finds exactly the entries marked as found by the fixed corpus", () => {
      const drifted = scores
        .filter((s) => s.found !== s.entry.fixedCorpusFinds)
        .map((s) => `${s.entry.name}: marked ${s.entry.fixedCorpusFinds}, found ${s.found} (${reported(s)})`);
      expect(drifted, "entries whose fixedCorpusFinds mark no longer holds").toEqual([]);
      const marked = scores.filter((s) => s.entry.fixedCorpusFinds).length;
      expect(scores.filter((s) => s.found).length).toBe(marked);
    });

    // A failure under a check that does not fit is a second defect of the server (or a fits list too short).
    it("reports failures only under checks that fit the entry's one defect", () => {
      const offFit = scores.flatMap((s) =>
        s.failures
          .filter((o) => !s.fitting.includes(o))
          .map((o) => `${s.entry.name}: ${o.check}: ${o.operation} ${o.subject}: ${o.actual}`),
      );
      expect(offFit).toEqual([]);
    });
  });
});
