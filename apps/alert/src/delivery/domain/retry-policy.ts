export interface RetryPolicy {
  /** First retry delay and the cap on any delay, in milliseconds. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts after which a delivery is given up as failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, maxAttempts: 12 };

/**
 * Delay before the attempt after `attempt` failed: exponential, capped, with "equal jitter"
 * (half fixed, half random) so that retries of many deliveries after one outage spread out.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
