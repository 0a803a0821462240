// What one entry of the seeded-fault catalogue says: its defect in a line, its class, the verify checks that "fit"
// it (a failure under one of them counts as finding it), whether today's fixed corpus is expected to find it, the
// fault itself, and a probe that shows the defect by hand.
import type { CheckName } from "../../src/verify/index.js";
import type { ProbeApi } from "./faulty-probe.js";
import type { Fault } from "./faulty-server.js";

/** The checks of the stateful phase of `verify --generate` (issue 24), beside the checks of today. */
export type StatefulCheckName =
  | "created-is-fetchable"
  | "created-is-listed"
  | "created-matches-request"
  | "deleted-is-gone"
  | "update-follows-status"
  | "account-isolation"
  | "filter-respected"
  | "paging-complete";

export type FitCheck = CheckName | StatefulCheckName;

export type FaultClass = "shapes" | "enums" | "sids" | "acceptance" | "auth" | "state" | "transport";

export interface CatalogueEntry {
  /** Unique, kebab-case: what `FAULTS=name` selects. */
  name: string;
  class: FaultClass;
  /** The defect, in one line. */
  defect: string;
  fits: FitCheck[];
  /** Whether verify's fixed corpus (no --generate) is expected to find it: the baseline test holds it to this. */
  fixedCorpusFinds: boolean;
  fault: Fault;
  /** Shows the defect with a few plain requests: true on this entry's server, false on the faithful one. */
  shows(api: ProbeApi): Promise<boolean>;
  /** One request's time limit for verify, for a server that never responds to some requests. */
  requestTimeoutMs?: number;
}
