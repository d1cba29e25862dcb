import { FAILING_AFTER } from './health.js';
import type { SourceState } from './source.js';

/** What ingest tells trends about a stretch of a source's collection (ingest.collection-status.v1). */
export interface CollectionGapReport {
  sourceId: string;
  from: Date;
  to: Date;
  status: 'outage';
  reason: string;
}

/**
 * The outage to report after a fetch, if any. A source is out once FAILING_AFTER fetches in a row
 * failed (the point where its health turns `failing`; one failed fetch is retried within a minute
 * and its feed still holds what it published meanwhile); the outage runs from its last successful
 * fetch, the last moment its coverage was known complete, to now, and is re-reported with a growing
 * end while it lasts and once more, closed, when a fetch succeeds again. A source that never
 * succeeded is not reported: it contributed to no series, so its silence distorts none.
 */
export function collectionGap(previous: SourceState, next: SourceState, now: Date): CollectionGapReport | undefined {
  const since = previous.lastSuccessAt;
  if (!since) return undefined;
  if (next.lastOutcome === 'error') {
    if (next.consecutiveFailures < FAILING_AFTER) return undefined;
    const last = next.lastError ? ` (last: ${next.lastError.code}: ${next.lastError.message})` : '';
    return {
      sourceId: next.sourceId,
      from: since,
      to: next.lastFetchAt ?? now,
      status: 'outage',
      reason: truncate(`${next.consecutiveFailures} fetches in a row failed${last}`),
    };
  }
  if (previous.consecutiveFailures < FAILING_AFTER) return undefined;
  const last = previous.lastError ? ` (last: ${previous.lastError.code})` : '';
  return {
    sourceId: next.sourceId,
    from: since,
    to: next.lastFetchAt ?? now,
    status: 'outage',
    reason: truncate(`recovered after ${previous.consecutiveFailures} failed fetches${last}`),
  };
}

const truncate = (text: string) => (text.length > 500 ? `${text.slice(0, 499)}…` : text);
