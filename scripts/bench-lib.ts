// What every part of `npm run bench` shares: run options, medians, printing, and the measured loop.
export const quick = process.argv.includes("--quick");
export const ROUNDS = quick ? 1 : 3;
export const SECONDS = quick ? 0.5 : 2;

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

/** Runs every contender once per round, round after round, and returns each one's median round. */
export async function interleaved(
  contenders: Record<string, () => Promise<unknown>>,
  rounds = ROUNDS,
  seconds = SECONDS,
): Promise<Record<string, Rate>> {
  const results: Record<string, Rate[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++)
    for (const [name, fn] of Object.entries(contenders)) results[name]!.push(await rate(fn, seconds));
  return Object.fromEntries(
    Object.entries(results).map(([name, rs]) => [
      name,
      { perSecond: median(rs.map((x) => x.perSecond)), cpuUs: median(rs.map((x) => x.cpuUs)) },
    ]),
  );
}
