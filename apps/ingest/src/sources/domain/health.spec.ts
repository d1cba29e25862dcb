import { describe, expect, it } from '@jest/globals';
import { sourceHealth, staleness, type SourceStats } from './health.js';
import type { Source, SourceState } from './source.js';

const now = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const source: Source = {
  sourceId: 'wire',
  type: 'feed',
  name: 'Wire',
  url: 'https://wire.example.org/rss',
  enabled: true,
  fetchArticles: 'auto',
  maxItemAgeHours: 72,
  origin: 'config',
  createdAt: hoursAgo(24 * 30),
  updatedAt: hoursAgo(24 * 30),
};
const state: SourceState = {
  sourceId: 'wire',
  nextFetchAt: hoursAgo(-0.1),
  intervalMs: 600_000,
  consecutiveFailures: 0,
  lastFetchAt: hoursAgo(0.1),
  lastSuccessAt: hoursAgo(0.1),
  lastOutcome: 'ok',
  lastHttpStatus: 200,
};
const stats = (over: Partial<SourceStats> = {}): SourceStats => ({
  fetches24h: 100,
  errors24h: 0,
  items24h: 40,
  items7d: 7 * 40,
  lastItemAt: hoursAgo(0.5),
  ...over,
});

describe('source health', () => {
  it('is ok for a source that fetches and produces', () => {
    expect(sourceHealth(source, state, stats(), now)).toMatchObject({
      status: 'ok',
      stale: false,
      itemsPerDay: 40,
      errorRate24h: 0,
    });
  });

  it('flags a source that silently stopped producing (fetches still succeed)', () => {
    // 40 a day is one every 36 minutes; silent for 8 hours is far beyond 4 gaps and the 6 h floor.
    const health = sourceHealth(source, state, stats({ lastItemAt: hoursAgo(8), items24h: 10 }), now);
    expect(health).toMatchObject({ status: 'stale', stale: true });
    expect(health.detail).toMatch(/no new article for 8 h/);
    // A source that publishes twice a week is not stale after a quiet day.
    expect(staleness(source, stats({ items7d: 2, lastItemAt: hoursAgo(30) }), now).stale).toBe(false);
    expect(staleness(source, stats({ items7d: 0, lastItemAt: undefined }), now)).toMatchObject({ stale: true });
  });

  it('is degraded after a failure and failing after several in a row', () => {
    const failed: SourceState = {
      ...state,
      lastOutcome: 'error',
      consecutiveFailures: 1,
      lastError: { code: 'fetch.timeout', message: 'no answer', at: hoursAgo(0.1) },
    };
    expect(sourceHealth(source, failed, stats({ errors24h: 1 }), now)).toMatchObject({
      status: 'degraded',
      lastError: { code: 'fetch.timeout' },
    });
    expect(sourceHealth(source, { ...failed, consecutiveFailures: 3 }, stats({ errors24h: 3 }), now).status).toBe(
      'failing',
    );
    expect(sourceHealth(source, state, stats({ errors24h: 5 }), now)).toMatchObject({
      status: 'degraded',
      errorRate24h: 0.05,
    });
  });

  it('is pending before the first fetch and disabled when switched off', () => {
    expect(
      sourceHealth(source, null, stats({ fetches24h: 0, items24h: 0, items7d: 0, lastItemAt: undefined }), now).status,
    ).toBe('pending');
    expect(sourceHealth({ ...source, enabled: false }, state, stats(), now)).toMatchObject({
      status: 'disabled',
      nextFetchAt: null,
    });
  });
});
