// Runs verify against catalogue servers and scores it: an entry is found when verify reports a failure under a
// check that fits it. Also what a failing score says: which entries were missed and what verify reported for them.
import { type CheckOutcome, type Credentials, runVerify, type VerifyOptions } from "../../src/verify/index.js";
import type { CatalogueEntry } from "./faulty-entry.js";
import { type Fault, startFaultyServer } from "./faulty-server.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./fixtures.js";

/** verify's credentials and second credentials, which every catalogue server knows. */
export const CATALOGUE_ACCOUNTS: [Credentials, Credentials] = [
  { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
  { accountSid: "ACfedcba9876543210fedcba9876543210", authToken: "second-test-token-that-must-never-leak" },
];

/** The generated run of issue 24 (`verify --generate`), as the options verify takes for it. */
export interface GenerateRun {
  secondCredentials?: Credentials;
  generate?: { seed?: number; maxCases?: number };
}

export type RunOptions = Omit<VerifyOptions, "baseUrl" | "credentials"> & GenerateRun;

/** A request's time limit in the catalogue: the mock responds in milliseconds, so 2 s means no response. */
const REQUEST_TIMEOUT_MS = 2000;

/** verify's failed outcomes against a server with this fault (the faithful one, for none). */
export async function failuresOn(fault: Fault, options: RunOptions = {}): Promise<CheckOutcome[]> {
  const server = await startFaultyServer(fault, { accounts: CATALOGUE_ACCOUNTS });
  let outcomes: CheckOutcome[];
  try {
    const verifyOptions: VerifyOptions & GenerateRun = {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      deadlineMs: 120_000,
      ...options,
      baseUrl: server.baseUrl,
      credentials: CATALOGUE_ACCOUNTS[0],
    };
    const result: { outcomes: CheckOutcome[]; failures?: unknown } = await runVerify(verifyOptions);
    // A run that ignored `generate` would score the fixed corpus under the generate score's name.
    if (options.generate && !Array.isArray(result.failures))
      throw new Error("runVerify returned no `failures`: this build of verify has no generated run (issue 24)");
    outcomes = result.outcomes;
  } finally {
    await server.stop();
  }
  const broken = server.logged.filter((line) => line.startsWith("fault threw"));
  if (broken.length > 0) throw new Error(`the catalogue's fault is broken:\n${broken.join("\n")}`);
  return outcomes.filter((o) => !o.passed);
}

export interface EntryScore {
  entry: CatalogueEntry;
  found: boolean;
  /** The failures under a check that fits the entry. */
  fitting: CheckOutcome[];
  /** Every failure verify reported. */
  failures: CheckOutcome[];
}

export async function scoreEntry(entry: CatalogueEntry, options: RunOptions = {}): Promise<EntryScore> {
  const timeout = entry.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: entry.requestTimeoutMs };
  const failures = await failuresOn(entry.fault, { ...timeout, ...options });
  const fitting = failures.filter((o) => (entry.fits as string[]).includes(o.check));
  return { entry, found: fitting.length > 0, fitting, failures };
}

/** Scores the entries one after another: each server is stopped before the next starts. */
export async function scoreCatalogue(entries: CatalogueEntry[], options: RunOptions = {}): Promise<EntryScore[]> {
  const scores: EntryScore[] = [];
  for (const entry of entries) scores.push(await scoreEntry(entry, options));
  return scores;
}

const outcomeLine = (o: CheckOutcome) =>
  `${o.check}: ${o.operation} ${o.subject}: expected ${o.expected}, got ${o.actual}`;

/** What verify reported for an entry: its first few failures, or that it reported none. */
export function reported(score: EntryScore, most = 3): string {
  if (score.failures.length === 0) return "no failure at all";
  const shown = score.failures.slice(0, most).map(outcomeLine);
  const more = score.failures.length > most ? [`... and ${score.failures.length - most} more`] : [];
  return [...shown, ...more].join("; ");
}

/** The score as lines for the log: the total, then each entry found or missed, with the check that found it. */
export function scoreReport(title: string, scores: EntryScore[]): string {
  const found = scores.filter((s) => s.found);
  const lines = scores.map((s) =>
    s.found
      ? `  found  ${s.entry.name} (${s.entry.class}) by ${[...new Set(s.fitting.map((o) => o.check))].join(", ")}`
      : `  missed ${s.entry.name} (${s.entry.class}): verify reported ${reported(s)}`,
  );
  return [`${title}: found ${found.length} of ${scores.length}`, ...lines].join("\n");
}
