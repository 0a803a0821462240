// What the stateful mock tells its watchers (the inspector page, a test following the event stream): every call
// transition, every request, every callback delivered, every move of the clock.

export type MockEvent =
  | { type: "call"; data: unknown }
  | { type: "request"; data: unknown }
  | { type: "callback"; data: unknown }
  | { type: "clock"; data: unknown };

export class EventHub {
  private readonly listeners = new Set<(event: MockEvent) => void>();

  /** Sends an event to every watcher; `data` is built only when there is one (a call renders in full each time). */
  publish(type: MockEvent["type"], data: () => unknown): void {
    if (this.listeners.size === 0) return;
    const event = { type, data: data() } as MockEvent;
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  subscribe(listener: (event: MockEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
