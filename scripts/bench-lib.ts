// What every part of `npm run bench` shares: run options, medians, printing, and the measured loop.
export const quick = process.argv.includes("--quick");
// Many short rounds rather than a few long ones: a shared machine's load drifts, and each round's ratio compares
// contenders that ran under about the same load.
export const ROUNDS = quick ? 1 : 7;
export const SECONDS = quick ? 0.5 : 1;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
export const print = (line = "") => process.stdout.write(`${line}\n`);

export interface Rate {
  /** Calls per second of wall time. */
  perSecond: number;
  /** CPU time of this process (user and system) per call, in microseconds. */
  cpuUs: number;
}

/**
 * Sequential calls for `seconds` after 50 warm-up calls. The CPU figure is this process alone: servers run in
 * processes of their own, so it is what the caller pays for each call.
 */
export async function rate(fn: () => Promise<unknown>, seconds: number): Promise<Rate> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up: connections, JIT
  let n = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: n / elapsed, cpuUs: (used.user + used.system) / n };
}

/**
 * Runs every contender once per round, round after round, each round starting one contender further along so that
 * none always runs first; returns every round's figures, in round order.
 */
export async function interleaved(
  contenders: Record<string, () => Promise<unknown>>,
  rounds = ROUNDS,
  seconds = SECONDS,
): Promise<Record<string, Rate[]>> {
  const names = Object.keys(contenders);
  const results: Record<string, Rate[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      results[name]!.push(await rate(contenders[name]!, seconds));
    }
  }
  return results;
}

export interface Summary extends Rate {
  /** The median over rounds of this contender's req/s divided by the baseline's in the same round. */
  perSecondRatio: number;
  /** The same for CPU per call. */
  cpuRatio: number;
}

/** Each contender's median round, and its median ratio to the baseline round by round. */
export function summarize(results: Record<string, Rate[]>, baseline: string): Record<string, Summary> {
  const base = results[baseline]!;
  return Object.fromEntries(
    Object.entries(results).map(([name, rs]) => [
      name,
      {
        perSecond: median(rs.map((x) => x.perSecond)),
        cpuUs: median(rs.map((x) => x.cpuUs)),
        perSecondRatio: median(rs.map((x, r) => x.perSecond / base[r]!.perSecond)),
        cpuRatio: median(rs.map((x, r) => x.cpuUs / base[r]!.cpuUs)),
      },
    ]),
  );
}
