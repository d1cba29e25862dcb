import { describe, expect, it } from '@jest/globals';
import { collectionGap } from './collection-gap.js';
import type { SourceState } from './source.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const healthy: SourceState = {
  sourceId: 's1',
  nextFetchAt: at(5),
  intervalMs: 300_000,
  consecutiveFailures: 0,
  lastFetchAt: at(0),
  lastSuccessAt: at(0),
  lastOutcome: 'ok',
};
const failed = (failures: number, minute: number): SourceState => ({
  ...healthy,
  consecutiveFailures: failures,
  lastFetchAt: at(minute),
  lastOutcome: 'error',
  lastError: { code: 'fetch.http_status', message: 'HTTP 503', at: at(minute) },
});

describe('collectionGap', () => {
  it('reports nothing while a source works or has failed fewer than three times in a row', () => {
    expect(collectionGap(healthy, { ...healthy, lastSuccessAt: at(5) }, at(5))).toBeUndefined();
    expect(collectionGap(healthy, failed(1, 5), at(5))).toBeUndefined();
    expect(collectionGap(failed(1, 5), failed(2, 7), at(7))).toBeUndefined();
  });

  it('reports an outage from the last success once the source is failing, with a growing end', () => {
    expect(collectionGap(failed(2, 7), failed(3, 11), at(11))).toEqual({
      sourceId: 's1',
      from: at(0),
      to: at(11),
      status: 'outage',
      reason: '3 fetches in a row failed (last: fetch.http_status: HTTP 503)',
    });
    expect(collectionGap(failed(3, 11), failed(4, 19), at(19))).toMatchObject({ from: at(0), to: at(19) });
  });

  it('closes the outage when a fetch succeeds again, and only then', () => {
    const recovered = { ...healthy, lastFetchAt: at(35), lastSuccessAt: at(35) };
    expect(collectionGap(failed(4, 19), recovered, at(35))).toEqual({
      sourceId: 's1',
      from: at(0),
      to: at(35),
      status: 'outage',
      reason: 'recovered after 4 failed fetches (last: fetch.http_status)',
    });
    expect(collectionGap(failed(2, 19), recovered, at(35))).toBeUndefined();
  });

  it('does not report a source that never succeeded: it contributed to no series', () => {
    const { lastSuccessAt: _never, ...fresh } = failed(3, 5);
    expect(collectionGap(fresh, { ...fresh, consecutiveFailures: 4 }, at(9))).toBeUndefined();
  });
});
