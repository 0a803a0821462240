// Findings a person can act on: each failure with what to send again (the shrunk request, or the sequence and its
// seed), its curl line(s), and the file that keeps them for `verify --replay`.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CheckName } from "../checks.js";
import type { RequestCase } from "../corpus.js";
import type { SequenceName } from "../stateful/phase.js";
import { checkReplayable } from "./failures-shape.js";

export { DEFAULT_FAILURES_FILE } from "./defaults.js";

export interface ReplayableFailure {
  check: CheckName;
  operation: string;
  subject: string;
  expected: string;
  actual: string;
  details: string[];
  /** A failure of one request: the request (shrunk when it was generated), sent with or without credentials. */
  request?: { testCase: RequestCase; authenticated: boolean };
  /** A failure of a stateful sequence: the sequence and the seed that re-runs it. */
  sequence?: { name: SequenceName; seed: number };
  /** How many failures of the same check, operation and broken rule this one stands for (itself included). */
  standsFor: number;
  /** The request(s) as curl lines, credentials as $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN. */
  curl: string[];
}

export interface FailuresFile {
  /** What the failures were found on. */
  baseUrl: string;
  seed?: number;
  failures: ReplayableFailure[];
}

export async function writeFailuresFile(path: string, file: FailuresFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
}

/** Reads a failures file, with an error that says what is wrong with it. */
export async function readFailuresFile(path: string): Promise<FailuresFile> {
  const text = await readFile(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON (${(error as Error).message})`);
  }
  const failures = (parsed as { failures?: unknown })?.failures;
  if (!Array.isArray(failures))
    throw new Error(`${path} has no "failures" list: is it a file verify --generate wrote?`);
  checkReplayable(failures, `${path}: `);
  return parsed as FailuresFile;
}
