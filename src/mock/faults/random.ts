// The faults' random source: a small seeded generator (sfc32, seeded from SHA-256 of the seed text), so that the
// same seed and the same requests give the same faults, run after run and machine after machine. Not for secrets.
import { createHash } from "node:crypto";

/** A function returning numbers in [0, 1), the same sequence for the same seed. */
export type Random = () => number;

export function seededRandom(seed: string): Random {
  const words = createHash("sha256").update(seed).digest();
  let a = words.readUInt32LE(0);
  let b = words.readUInt32LE(4);
  let c = words.readUInt32LE(8);
  let d = words.readUInt32LE(12);
  return () => {
    // sfc32: a 128-bit state, good enough statistically for probabilities and latency draws.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
