// The delays of the latency faults: fixed, uniform between two bounds, or lognormal (a median and the spread of its
// logarithm, the shape response times of a loaded service take), each drawn from the fault's own seeded source.
import type { Random } from "./random.js";

export type LatencyDistribution =
  | { kind: "latency-fixed"; ms: number }
  | { kind: "latency-uniform"; minMs: number; maxMs: number }
  | { kind: "latency-lognormal"; medianMs: number; sigma: number; maxMs: number };

/** A standard normal draw (Box-Muller); 1 - u keeps the logarithm's argument above 0. */
function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One delay in whole milliseconds. */
export function drawDelay(latency: LatencyDistribution, random: Random): number {
  switch (latency.kind) {
    case "latency-fixed":
      return Math.round(latency.ms);
    case "latency-uniform":
      return Math.round(latency.minMs + random() * (latency.maxMs - latency.minMs));
    case "latency-lognormal": {
      const delay = latency.medianMs * Math.exp(latency.sigma * standardNormal(random));
      return Math.round(Math.min(latency.maxMs, delay));
    }
  }
}
