// What each official SDK's test runs against the stateful mock, and what it must see: the same scenario in every
// language (create two calls, cancel one, let the other run its course on the manual clock while its signed status
// callbacks arrive, fetch, list page by page, delete both, then two errors), reported in one shape. The recipes the
// tests run are the ones docs/sdks.md shows, word for word.
import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** What one SDK saw, in the shape every scenario reports. */
export interface ScenarioResult {
  created: { sid: string; status: string };
  updated: { sid: string; status: string };
  fetched: { sid: string; status: string; duration: string | null };
  listed: string[];
  deleted: boolean[];
  /** Each status callback: its CallStatus, whether the SDK's validator accepts its signature, and a forged copy's. */
  callbacks: Array<{ status: string; signed: boolean; forgedSigned: boolean }>;
  /** The SDK's error for a fetch of the deleted call, and for a create to the mock's invalid test number. */
  gone: { status: number; code: number } | null;
  rejected: { status: number; code: number } | null;
}

/** Holds a scenario's result to what the mock must have done. */
export function expectScenario(result: ScenarioResult): void {
  expect(result.created.status).toBe("queued");
  expect(result.updated.status).toBe("canceled");
  expect(result.callbacks).toEqual(
    ["initiated", "ringing", "in-progress", "completed"].map((status) => ({
      status,
      signed: true,
      forgedSigned: false,
    })),
  );
  // The default scenario: answered after 5 s of ringing, hung up after 30 s of talk.
  expect(result.fetched).toEqual({ sid: result.created.sid, status: "completed", duration: "30" });
  // One call a page, so that the SDK follows next_page_uri back through the mock.
  expect([...result.listed].sort()).toEqual([result.created.sid, result.updated.sid].sort());
  expect(result.deleted).toEqual([true, true]);
  expect(result.gone).toEqual({ status: 404, code: 20404 });
  expect(result.rejected).toEqual({ status: 400, code: 21217 });
}

/** The fenced blocks of docs/sdks.md in one language, each as its text. */
export function docsBlocks(language: string): string[] {
  const page = readFileSync(new URL("../../docs/sdks.md", import.meta.url), "utf8");
  return [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? "");
}

/** A file of this folder, as the page must show it. */
export const recipe = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");
