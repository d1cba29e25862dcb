import type { SourceHealthV1 } from '@media-monitor/contracts';
import { isFetched, type Source, type SourceState } from './source.js';

/** What the store says about a source's recent work. */
export interface SourceStats {
  fetches24h: number;
  errors24h: number;
  items24h: number;
  items7d: number;
  lastItemAt?: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A source is stale when nothing new came for this many of its usual gaps ... */
export const STALE_GAPS = 4;
/** ... and for at least this long (a source with ten items an hour is not stale after one quiet hour). */
export const STALE_MIN_MS = 6 * HOUR_MS;
/** Consecutive failed fetches after which a source is failing rather than degraded. */
export const FAILING_AFTER = 3;

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

/**
 * Whether a source still produces: its usual gap is the last week's items spread over the week;
 * a source that produced before and has been silent for STALE_GAPS gaps (at least STALE_MIN_MS)
 * is stale, and so is one that never produced a day after it was added.
 */
export function staleness(source: Source, stats: SourceStats, now: Date): { stale: boolean; detail?: string } {
  if (!stats.lastItemAt) {
    const age = now.getTime() - source.createdAt.getTime();
    return age > DAY_MS
      ? { stale: true, detail: `no article in the ${Math.round(age / HOUR_MS)} h since it was added` }
      : { stale: false };
  }
  const usualGapMs = stats.items7d > 0 ? (7 * DAY_MS) / stats.items7d : 7 * DAY_MS;
  const limit = Math.max(STALE_MIN_MS, STALE_GAPS * usualGapMs);
  const silence = now.getTime() - stats.lastItemAt.getTime();
  if (silence <= limit) return { stale: false };
  return {
    stale: true,
    detail: `no new article for ${Math.round(silence / HOUR_MS)} h (usually one every ${Math.max(1, Math.round(usualGapMs / 60_000))} min)`,
  };
}

/** The health shown for a source, from its state and the recent record. */
export function sourceHealth(source: Source, state: SourceState | null, stats: SourceStats, now: Date): SourceHealthV1 {
  const { stale, detail: staleDetail } = staleness(source, stats, now);
  const fetched = isFetched(source);
  const lastError = state?.lastError
    ? { code: state.lastError.code, message: state.lastError.message, at: state.lastError.at.toISOString() }
    : null;
  const failures = state?.consecutiveFailures ?? 0;
  let status: SourceHealthV1['status'];
  let detail: string;
  if (!source.enabled) {
    status = 'disabled';
    detail = 'disabled: not fetched';
  } else if (fetched && !state?.lastFetchAt) {
    status = 'pending';
    detail = 'not fetched yet';
  } else if (fetched && failures >= FAILING_AFTER) {
    status = 'failing';
    detail = `${failures} fetches in a row failed (last: ${lastError?.code})`;
  } else if (fetched && state?.lastOutcome === 'error') {
    status = 'degraded';
    detail = `the last fetch failed (${lastError?.code})`;
  } else if (fetched && stats.errors24h > 0) {
    status = 'degraded';
    detail = `${stats.errors24h} of ${stats.fetches24h} fetches failed in 24 h`;
  } else if (!fetched && !stats.lastItemAt) {
    status = 'pending';
    detail = 'nothing received yet';
  } else if (stale) {
    status = 'stale';
    detail = staleDetail!;
  } else {
    status = 'ok';
    detail = fetched
      ? `fetched ${stats.fetches24h} times in 24 h, ${stats.items24h} new articles`
      : `${stats.items24h} articles in 24 h`;
  }
  return {
    status,
    detail,
    lastFetchAt: iso(state?.lastFetchAt),
    lastSuccessAt: iso(state?.lastSuccessAt),
    lastOutcome: state?.lastOutcome ?? null,
    lastHttpStatus: state?.lastHttpStatus ?? null,
    lastError,
    consecutiveFailures: failures,
    fetches24h: stats.fetches24h,
    errors24h: stats.errors24h,
    errorRate24h: stats.fetches24h > 0 ? stats.errors24h / stats.fetches24h : null,
    items24h: stats.items24h,
    itemsPerDay: Math.round((stats.items7d / 7) * 100) / 100,
    lastItemAt: iso(stats.lastItemAt),
    stale,
    nextFetchAt: fetched && source.enabled ? iso(state?.nextFetchAt) : null,
    intervalSeconds: fetched && state ? Math.round(state.intervalMs / 1000) : null,
  };
}
