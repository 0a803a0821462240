// The seeded-fault catalogue itself: each entry's server has its defect, shown by a few plain requests, and the
// faithful server (the same mock behind the same front, with no fault) does not. A catalogue entry whose defect
// did not show would make every verify score meaningless.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUE, selectedEntries } from "../../support/faulty-catalogue.js";
import { probeApi } from "../../support/faulty-probe.js";
import { CATALOGUE_ACCOUNTS } from "../../support/faulty-score.js";
import { faithful, startFaultyServer } from "../../support/faulty-server.js";

describe("the seeded-fault catalogue", () => {
  it("holds at least 40 entries with unique names, each fitting at least one check, in every class", () => {
    const names = new Set(CATALOGUE.map((e) => e.name));
    expect(names.size).toBe(CATALOGUE.length);
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(CATALOGUE.filter((e) => e.fits.length === 0).map((e) => e.name)).toEqual([]);
    for (const cls of ["shapes", "enums", "sids", "acceptance", "auth", "state", "transport"])
      expect(CATALOGUE.filter((e) => e.class === cls).length, cls).toBeGreaterThanOrEqual(5);
  });

  it("refuses a FAULTS name that is not in the catalogue, naming it", () => {
    expect(() => selectedEntries("queue-time-as-number,no-such-fault")).toThrow(/no-such-fault/);
    expect(selectedEntries("queue-time-as-number").map((e) => e.name)).toEqual(["queue-time-as-number"]);
  });

  describe.each(selectedEntries())("$name", (entry) => {
    it(`has its defect: ${entry.defect}`, async () => {
      const server = await startFaultyServer(entry.fault, { accounts: CATALOGUE_ACCOUNTS });
      try {
        expect(await entry.shows(probeApi(server.baseUrl, CATALOGUE_ACCOUNTS))).toBe(true);
      } finally {
        await server.stop();
      }
      expect(server.logged.filter((l) => l.startsWith("fault threw"))).toEqual([]);
    });

    it("is not shown by the faithful server", async () => {
      const server = await startFaultyServer(faithful, { accounts: CATALOGUE_ACCOUNTS });
      try {
        expect(await entry.shows(probeApi(server.baseUrl, CATALOGUE_ACCOUNTS))).toBe(false);
      } finally {
        await server.stop();
      }
    });
  });
});

describe("the Catalogue section of docs/verify.md", () => {
  const page = readFileSync(new URL("../../../docs/verify.md", import.meta.url), "utf8");
  const section = page.slice(page.indexOf("\n## Catalogue\n"));
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |`| \|$/g, "")));

  it("lists every entry with its class, defect, fitting checks and fixed-corpus mark, in order", () => {
    const expected = CATALOGUE.map((e) => [
      e.name,
      e.class,
      e.defect,
      e.fits.join(", "),
      e.fixedCorpusFinds ? "finds" : "misses",
    ]);
    expect(rows).toEqual(expected);
  });

  it("gives the fixed corpus's score as the number of entries marked as found", () => {
    const marked = CATALOGUE.filter((e) => e.fixedCorpusFinds).length;
    expect(section).toContain(`The fixed corpus (verify without \`--generate\`): ${marked} of ${CATALOGUE.length}`);
  });
});
