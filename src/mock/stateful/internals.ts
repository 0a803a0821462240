// The stateful mock behind a running mock, for tests in the same process that must reach what the public surface
// does not show (the store, the event hub). src/mock/index.ts is the surface, and it does not export this.
import type { StatefulMock } from "./runtime.js";

const behind = new WeakMap<object, StatefulMock>();

export function attachInternals(running: object, state: StatefulMock): void {
  behind.set(running, state);
}

/** The stateful mock a `startMock({ stateful: true })` runs; throws for any other mock. */
export function statefulInternals(running: object): StatefulMock {
  const state = behind.get(running);
  if (!state) throw new Error("not a stateful mock started by startMock");
  return state;
}
