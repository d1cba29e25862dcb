/** Longest rest between two backfill pages, in milliseconds (a slow page must not stall a backfill for long). */
export const MAX_REST_MS = 30_000;

/**
 * How long a backfill rests after a page that took `workedMs` milliseconds (the store's reads and
 * the publishes included): while live traffic flows, long enough that its work is at most `share`
 * of the time; otherwise the configured pause.
 */
export function restAfterPage(workedMs: number, liveTraffic: boolean, pauseMs: number, share: number): number {
  if (!liveTraffic) return pauseMs;
  return Math.min(MAX_REST_MS, Math.max(pauseMs, (workedMs * (1 - share)) / share));
}
