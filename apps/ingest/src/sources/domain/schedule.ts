/** Bounds of the adaptive schedule, in milliseconds. */
export interface ScheduleBounds {
  minMs: number;
  maxMs: number;
}

const DAY_MS = 86_400_000;

function clamp(value: number, bounds: ScheduleBounds): number {
  return Math.round(Math.min(bounds.maxMs, Math.max(bounds.minMs, value)));
}

/**
 * The interval until the next fetch after a successful one. The source's own rhythm comes from
 * the publication dates it lists (half the mean gap between its last week's items: most new items
 * are picked up within half a gap); without dates, the interval halves when something new came
 * and grows by half when nothing did.
 */
export function nextInterval(
  previousMs: number,
  result: { newItems: number; itemDates: readonly string[] },
  bounds: ScheduleBounds,
  now: Date,
): number {
  const recent = result.itemDates
    .map((date) => Date.parse(date))
    .filter((ms) => Number.isFinite(ms) && ms <= now.getTime() + 3_600_000 && ms >= now.getTime() - 7 * DAY_MS)
    .sort((a, b) => a - b);
  if (recent.length >= 3) {
    // The gap to now counts too: a source that published five items last week and none since slows down.
    const span = now.getTime() - recent[0]!;
    return clamp(span / (recent.length - 1) / 2, bounds);
  }
  return clamp(result.newItems > 0 ? previousMs / 2 : previousMs * 1.5, bounds);
}

/**
 * The wait after a failed fetch: the shortest interval doubled per consecutive failure, up to the
 * longest, and never less than the server's Retry-After.
 */
export function backoffAfterFailure(failures: number, bounds: ScheduleBounds, retryAfterMs?: number): number {
  const exponential = bounds.minMs * 2 ** Math.min(failures - 1, 20);
  return Math.round(Math.max(Math.min(bounds.maxMs, exponential), retryAfterMs ?? 0));
}

/** Spreads fetches of sources with the same interval: ±10 %, deterministic per source and time. */
export function withJitter(ms: number, seed: string): number {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (Math.imul(hash, 31) + seed.charCodeAt(i)) | 0;
  const unit = ((hash >>> 0) % 1000) / 1000;
  return Math.round(ms * (0.9 + 0.2 * unit));
}
