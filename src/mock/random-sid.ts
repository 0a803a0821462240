// Fresh SIDs for the mock: a prefix and 32 hex digits. One randomFillSync over a pool of 512 SIDs' bytes, instead of
// a randomBytes call per SID, takes a SID from about 2.5 µs to 0.1 µs; unseeded creates spent a third of their time
// there. The SIDs are names, not secrets, so drawing them from a shared pool costs nothing in safety.
import { randomFillSync } from "node:crypto";

const SID_BYTES = 16;
const pool = Buffer.allocUnsafe(SID_BYTES * 512);
let next = pool.length;

/** `prefix` followed by 32 random hex digits: `randomSid("CA")`. */
export function randomSid(prefix: string): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const digits = pool.toString("hex", next, next + SID_BYTES);
  next += SID_BYTES;
  return prefix + digits;
}
