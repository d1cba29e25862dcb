import { Injectable } from '@nestjs/common';

/**
 * Counts the live articles being analysed, so background work (backfills) can give way to them:
 * `quiet` resolves when none is in progress, or after a bounded wait so background work still moves;
 * `seenWithin` tells whether live traffic is flowing at all.
 */
@Injectable()
export class LiveTraffic {
  private inFlight = 0;
  private lastSeenAt = 0;
  private waiters: Array<() => void> = [];

  /** Articles being analysed now. */
  get active(): number {
    return this.inFlight;
  }

  /** Whether a live article was being analysed within the last `windowMs` milliseconds. */
  seenWithin(windowMs: number, now = Date.now()): boolean {
    return this.inFlight > 0 || now - this.lastSeenAt <= windowMs;
  }

  async track<T>(task: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.lastSeenAt = Date.now();
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.lastSeenAt = Date.now();
      if (this.inFlight === 0) this.wake();
    }
  }

  /** Resolves once no live article is in progress, or after `maxWaitMs` milliseconds. */
  quiet(maxWaitMs: number): Promise<void> {
    if (this.inFlight === 0 || maxWaitMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiters.push(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
