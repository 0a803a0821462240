// The simulator's requests under way. On a manual clock a request to the app takes no mock time: moving the clock
// stops at the timer that started one and goes on once the app has responded (runtime.ts), and the admin API responds to
// the caller's keys once what they led to is done. So the order of a test's steps is the order of the call's.
export class Work {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Waits until no request is under way, the ones started meanwhile included. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
