export interface RetryBackoffOptions {
  /** Delay after the first failed attempt, in milliseconds. */
  baseMs: number;
  /** Upper bound of a single delay, in milliseconds. */
  maxMs: number;
  /** Random spread added on top, as a fraction of the delay (0 disables it). */
  jitter: number;
}

/** Publish retry delays: 100 ms doubling up to 2 s, plus up to 20 % jitter. */
export const DEFAULT_PUBLISH_BACKOFF: RetryBackoffOptions = { baseMs: 100, maxMs: 2_000, jitter: 0.2 };

/** Delay in milliseconds before retry number `attempt` (1 = after the first failure): exponential, capped. */
export function retryDelayMs(
  attempt: number,
  options: RetryBackoffOptions = DEFAULT_PUBLISH_BACKOFF,
  random = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(delay * (1 + options.jitter * random()));
}
