// What the stateful mock tells its watchers (the inspector page, a test following the event stream): every call
// transition, every request, every callback delivered, every entry of a simulated call's conversation, every move of
// the clock, every fault added or deleted. Each event is serialised once, as the stream sends it, whatever the number of watchers; and the watchers are bounded, so that pages left open or a
// client that connects in a loop cannot make every create slower.

export type MockEventType = "call" | "request" | "callback" | "conversation" | "clock" | "faults";

/** How many watchers the event stream takes at once; one more is refused until one leaves. */
export const MAX_WATCHERS = 32;

/** One event as the event stream sends it (a server-sent event whose data is JSON). */
export function eventFrame(type: MockEventType | "hello" | "dropped", data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class EventHub {
  private readonly listeners = new Set<(frame: string) => void>();

  constructor(readonly maxWatchers = MAX_WATCHERS) {}

  /** Sends an event to every watcher; `data` is built and serialised only when there is one, and only once. */
  publish(type: MockEventType, data: () => unknown): void {
    if (this.listeners.size === 0) return;
    const frame = eventFrame(type, data());
    for (const listener of this.listeners) listener(frame);
  }

  /**
   * Calls `listener` with every event from now on; returns the function that stops it, or undefined when
   * `maxWatchers` already watch.
   */
  subscribe(listener: (frame: string) => void): (() => void) | undefined {
    if (this.listeners.size >= this.maxWatchers) return undefined;
    const own = (frame: string) => listener(frame);
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }

  get size(): number {
    return this.listeners.size;
  }
}
