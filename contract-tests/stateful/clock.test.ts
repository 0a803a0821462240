// The manual clock that the stateful mock's tests and the admin API move: timers run in time order, ties in the
// order they were set, a cancelled one never, and one set by a running timer within the window in the same advance.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClockError, createClock } from "../../src/mock/stateful/clock.js";

const manual = () => createClock({ mode: "manual", start: 0 });

describe("the manual clock", () => {
  it("runs due timers in time order, ties in the order they were set, and leaves later ones", () => {
    const clock = manual();
    const ran: string[] = [];
    for (const [at, name] of [
      [30, "c"],
      [10, "a1"],
      [20, "b"],
      [10, "a2"],
      [50, "late"],
    ] as const)
      clock.at(at, () => ran.push(`${name}@${clock.now()}`));
    clock.advance(40);
    expect(ran).toEqual(["a1@10", "a2@10", "b@20", "c@30"]);
    expect(clock.now()).toBe(40);
    clock.advance(10);
    expect(ran.at(-1)).toBe("late@50");
  });

  it("never runs a cancelled timer", () => {
    const clock = manual();
    const ran: number[] = [];
    const cancel = clock.at(5, () => ran.push(5));
    clock.at(6, () => ran.push(6));
    cancel();
    clock.advance(10);
    expect(ran).toEqual([6]);
  });

  it("runs a timer that a running timer sets within the window, in the same advance", () => {
    const clock = manual();
    const ran: number[] = [];
    clock.at(10, () => {
      clock.at(clock.now() + 5, () => ran.push(clock.now()));
      clock.at(clock.now() + 500, () => ran.push(clock.now()));
    });
    clock.advance(100);
    expect(ran).toEqual([15]);
  });

  it("keeps order across thousands of timers set out of order", () => {
    const clock = manual();
    const ran: number[] = [];
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    for (const t of times) clock.at(t, () => ran.push(t));
    clock.advance(5000);
    expect(ran).toEqual([...times].sort((a, b) => a - b));
  });

  it("rejects a negative advance and names the value", () => {
    expect(() => manual().advance(-1)).toThrow(new ClockError("advance takes a duration of 0 ms or more, got -1"));
  });
});

describe("the running clocks", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Past 2^31-1 ms node's setTimeout fires after 1 ms instead: a slowed clock reaches that with a day of mock time.
  it.each([
    ["real", () => createClock({ mode: "real", start: 0 })],
    ["slowed to 0.001", () => createClock({ mode: "accelerated", scale: 0.001, start: 0 })],
  ])("runs a %s timer whose real delay passes setTimeout's limit when it is due, not at once", (_, make) => {
    vi.useFakeTimers({ now: 0 });
    const clock = make();
    const ran: number[] = [];
    const realDelay = 3 * 2 ** 31;
    clock.at(realDelay * clock.scale, () => ran.push(Date.now()));
    vi.advanceTimersByTime(realDelay - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual([realDelay]);
  });

  it("cancels a timer past setTimeout's limit, whichever part of its wait it is in", () => {
    vi.useFakeTimers({ now: 0 });
    const clock = createClock({ mode: "real", start: 0 });
    const ran: string[] = [];
    const cancel = clock.at(2 ** 32, () => ran.push("cancelled"));
    clock.at(2 ** 32, () => ran.push("kept"));
    vi.advanceTimersByTime(2 ** 31 + 5);
    cancel();
    vi.advanceTimersByTime(2 ** 32);
    expect(ran).toEqual(["kept"]);
    clock.at(clock.now() + 2 ** 33, () => ran.push("stopped"));
    vi.advanceTimersByTime(2 ** 31 + 5);
    clock.stop();
    vi.advanceTimersByTime(2 ** 33);
    expect(ran).toEqual(["kept"]);
  });
});
