// The seeded-fault catalogue (issue 24): one entry per defect, each the stateful mock behind a server with exactly
// that defect. `FAULTS=name,name` narrows every catalogue test to those entries, for debugging one.
import type { CatalogueEntry, FaultClass } from "./faulty-entry.js";
import { acceptanceEntries, authEntries } from "./faulty-requests.js";
import { enumEntries, shapeEntries, sidEntries } from "./faulty-responses.js";
import { stateEntries, transportEntries } from "./faulty-state.js";

export type { CatalogueEntry, FaultClass };

export const CATALOGUE: CatalogueEntry[] = [
  ...shapeEntries,
  ...enumEntries,
  ...sidEntries,
  ...acceptanceEntries,
  ...authEntries,
  ...stateEntries,
  ...transportEntries,
];

/** The entries named in FAULTS (comma-separated), or every entry; a name not in the catalogue is an error. */
export function selectedEntries(names = process.env.FAULTS): CatalogueEntry[] {
  if (!names) return CATALOGUE;
  const wanted = names
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = wanted.filter((n) => !CATALOGUE.some((e) => e.name === n));
  if (unknown.length > 0) throw new Error(`FAULTS names no catalogue entry: ${unknown.join(", ")}`);
  return CATALOGUE.filter((e) => wanted.includes(e.name));
}
