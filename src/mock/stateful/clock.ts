// The one clock of the stateful mock: every transition, every Call's dates and every status callback's Timestamp
// come from it, so that fetch, list and callbacks can never disagree. Real time, real time sped up, or time
// that moves only when a test advances it.

export type ClockMode = "real" | "accelerated" | "manual";

export interface Clock {
  readonly mode: ClockMode;
  /** How many mock milliseconds pass per real millisecond (1 for real time, 0 for a manual clock). */
  readonly scale: number;
  /** Mock time, in milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` when mock time reaches `time` (at once if it has); returns a function that cancels it. */
  at(time: number, fn: () => void): () => void;
  /** Moves a manual clock forward, running every timer that falls due, in time order. */
  advance(ms: number): void;
  /** Cancels every pending timer. */
  stop(): void;
}

export interface ClockOptions {
  mode: ClockMode;
  /** For an accelerated clock: mock milliseconds per real millisecond. */
  scale?: number;
  /** Where mock time starts. Defaults to the real time now. */
  start?: number;
}

export class ClockError extends Error {
  override name = "ClockError";
}

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

function manualClock(start: number): Clock {
  let now = start;
  let order = 0;
  let timers: Timer[] = [];
  return {
    mode: "manual",
    scale: 0,
    now: () => now,
    at(time, fn) {
      const timer = { at: Math.max(time, now), order: order++, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms))
        throw new ClockError(`advance takes a duration of 0 ms or more, got ${ms}`);
      const target = now + ms;
      // Timers a running timer sets within the window run too, in time order.
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = target;
    },
    stop() {
      timers = [];
    },
  };
}

function runningClock(mode: "real" | "accelerated", scale: number, start: number): Clock {
  const realStart = Date.now();
  const handles = new Set<ReturnType<typeof setTimeout>>();
  const now = () => start + (Date.now() - realStart) * scale;
  return {
    mode,
    scale,
    now,
    at(time, fn) {
      const handle = setTimeout(
        () => {
          handles.delete(handle);
          fn();
        },
        Math.max(0, (time - now()) / scale),
      );
      handles.add(handle);
      return () => {
        clearTimeout(handle);
        handles.delete(handle);
      };
    },
    advance() {
      throw new ClockError(`the clock runs on ${mode} time; only a manual clock can be advanced`);
    },
    stop() {
      for (const handle of handles) clearTimeout(handle);
      handles.clear();
    },
  };
}

export function createClock(options: ClockOptions): Clock {
  const start = options.start ?? Date.now();
  if (options.mode === "manual") return manualClock(start);
  if (options.mode === "real") return runningClock("real", 1, start);
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new ClockError(`a time scale must be a positive number, got ${scale}`);
  return runningClock("accelerated", scale, start);
}
