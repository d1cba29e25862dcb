/**
 * Token bucket per destination: `ratePerSecond` sends on average, up to `burst` at once. A caller
 * that finds the bucket empty is told how long to wait; nothing is dropped, so a burst of alerts
 * is absorbed by the outbox and sent at the rate (Slack allows about 1 message per second per webhook).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('rate must be > 0 and burst >= 1');
  }

  /** Takes a token and answers 0, or answers the wait in milliseconds until one is available. */
  tryTake(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, atMs: nowMs };
    const refilled = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * this.ratePerSecond);
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, atMs: nowMs });
      return 0;
    }
    this.buckets.set(key, { tokens: refilled, atMs: nowMs });
    return Math.ceil(((1 - refilled) / this.ratePerSecond) * 1000);
  }
}
