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
  /**
   * Moves a manual clock forward, running every timer that falls due, in time order. With `pause`, it stops after
   * the first timer past which `pause()` is true, at that timer's time, and returns the milliseconds still to go
   * (0 once it got there).
   */
  advance(ms: number, pause?: () => boolean): number;
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
  cancelled: boolean;
}

const earlier = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.order < b.order);

/**
 * Pending timers as a binary min-heap on (time, order): a stateful mock of thousands of calls keeps thousands of
 * timers, and advancing over them takes one pop each instead of a sort of all of them.
 */
class TimerHeap {
  private readonly items: Timer[] = [];

  push(timer: Timer): void {
    const items = this.items;
    items.push(timer);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!earlier(items[i] as Timer, items[parent] as Timer)) break;
      [items[i], items[parent]] = [items[parent] as Timer, items[i] as Timer];
      i = parent;
    }
  }

  /** The earliest live timer due by `time`, taken off the heap; cancelled ones are dropped on the way. */
  popDue(time: number): Timer | undefined {
    for (;;) {
      const top = this.items[0];
      if (!top || (!top.cancelled && top.at > time)) return undefined;
      this.removeTop();
      if (!top.cancelled) return top;
    }
  }

  clear(): void {
    this.items.length = 0;
  }

  private removeTop(): void {
    const items = this.items;
    const last = items.pop() as Timer;
    if (items.length === 0) return;
    items[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && earlier(items[left] as Timer, items[least] as Timer)) least = left;
      if (right < items.length && earlier(items[right] as Timer, items[least] as Timer)) least = right;
      if (least === i) return;
      [items[i], items[least]] = [items[least] as Timer, items[i] as Timer];
      i = least;
    }
  }
}

function manualClock(start: number): Clock {
  let now = start;
  let order = 0;
  const timers = new TimerHeap();
  return {
    mode: "manual",
    scale: 0,
    now: () => now,
    at(time, fn) {
      const timer = { at: Math.max(time, now), order: order++, fn, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    advance(ms, pause) {
      if (!(ms >= 0) || !Number.isFinite(ms))
        throw new ClockError(`advance takes a duration of 0 ms or more, got ${ms}`);
      const target = now + ms;
      // Timers a running timer sets within the window run too, in time order.
      for (let due = timers.popDue(target); due; due = timers.popDue(target)) {
        now = due.at;
        due.fn();
        if (pause?.()) return target - now;
      }
      now = target;
      return 0;
    },
    stop() {
      timers.clear();
    },
  };
}

// node's setTimeout fires after 1 ms when asked to wait longer than this (about 24.8 days), and a clock slowed to
// 0.01 asks that of a call that talks for a day: a longer wait is taken in steps of at most this.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function runningClock(mode: "real" | "accelerated", scale: number, start: number): Clock {
  const realStart = Date.now();
  const pending = new Set<{ handle?: ReturnType<typeof setTimeout> }>();
  const now = () => start + (Date.now() - realStart) * scale;
  return {
    mode,
    scale,
    now,
    at(time, fn) {
      const timer: { handle?: ReturnType<typeof setTimeout> } = {};
      const arm = () => {
        // Rounded up: a slowed clock's arithmetic may leave a wait a fraction short, and a timer never runs early.
        const wait = Math.max(0, Math.ceil((time - now()) / scale));
        if (wait > MAX_TIMEOUT_MS) {
          timer.handle = setTimeout(arm, MAX_TIMEOUT_MS);
          return;
        }
        timer.handle = setTimeout(() => {
          pending.delete(timer);
          fn();
        }, wait);
      };
      arm();
      pending.add(timer);
      return () => {
        clearTimeout(timer.handle);
        pending.delete(timer);
      };
    },
    advance() {
      throw new ClockError(`the clock runs on ${mode} time; only a manual clock can be advanced`);
    },
    stop() {
      for (const timer of pending) clearTimeout(timer.handle);
      pending.clear();
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
