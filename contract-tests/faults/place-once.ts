import { type Call, CallsError, type CreateCallParams } from "calls-contract";
import type { CallsClient } from "calls-contract/client";

/** How far Twilio's clock may be from this machine's: a call created this long before the attempt still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Looks for the call an attempt may have placed: the newest calls to the same To, created since the attempt began
 * (less the clock skew), that the app does not already know. It filters on date_created, not StartTime: a queued
 * call has no start_time yet, so a StartTime filter leaves out exactly the call being looked for.
 */
async function findPlaced(client: CallsClient, to: string, sentAt: number, known: Set<string>) {
  const page = await client.list({ To: to, PageSize: 20 });
  return page.calls.find(
    (call) =>
      !known.has(call.sid) && call.date_created !== null && Date.parse(call.date_created) >= sentAt - CLOCK_SKEW_MS,
  );
}

/**
 * Places a call at most once. A create that failed with `mayHaveBeenPlaced` (the connection dropped, or no
 * response in time) may have placed its call: look for it before trying again. `known` holds the SIDs of calls to
 * the same To the app already has, so that one of those is never taken for this one.
 */
export async function placeOnce(
  client: CallsClient,
  params: CreateCallParams,
  known: Set<string> = new Set(),
  attempts = 3,
): Promise<{ call: Call; reconciled: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const sentAt = Date.now();
    try {
      return { call: await client.create(params), reconciled: false };
    } catch (error) {
      if (!(error instanceof CallsError) || !error.mayHaveBeenPlaced || attempt >= attempts) throw error;
      const placed = await findPlaced(client, params.To, sentAt, known);
      if (placed) return { call: placed, reconciled: true };
    }
  }
}
