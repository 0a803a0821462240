// The manual clock that the stateful mock's tests and the admin API move: timers run in time order, ties in the
// order they were set, a cancelled one never, and one set by a running timer within the window in the same advance.
import { describe, expect, it } from "vitest";
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
