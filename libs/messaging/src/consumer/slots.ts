/** A counting semaphore for handler slots whose waits can be interrupted (on stop). */
export class Slots {
  private used = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`concurrency must be a positive integer, got ${capacity}`);
  }

  get inUse(): number {
    return this.used;
  }

  get free(): number {
    return this.capacity - this.used;
  }

  /** Takes a slot; the caller must have checked `free > 0` (after `waitForFree`). */
  take(): void {
    if (this.used >= this.capacity) throw new Error('no free slot');
    this.used++;
  }

  release(): void {
    this.used = Math.max(0, this.used - 1);
    this.wake();
  }

  /** Resolves when a slot is free or `interrupt()` is called. */
  async waitForFree(): Promise<void> {
    if (this.free > 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Wakes every waiter (they re-check their own exit condition). */
  interrupt(): void {
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
