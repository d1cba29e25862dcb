import { describe, expect, it } from '@jest/globals';
import { rangePreset, rangeQuery } from './trend-range.js';

describe('trend ranges', () => {
  it('leaves the default spans to the API and starts longer ones on a whole hour', () => {
    expect(rangeQuery(rangePreset('24h'), 'Europe/Moscow')).toEqual({ interval: 'hour', tz: 'Europe/Moscow' });
    const now = Date.parse('2026-11-20T10:17:00Z');
    expect(rangeQuery(rangePreset('7d'), 'UTC', now)).toEqual({
      interval: 'hour',
      tz: 'UTC',
      from: '2026-11-13T10:00:00.000Z',
    });
    expect(rangeQuery(rangePreset('30d'), 'UTC').interval).toBe('day');
  });

  it('falls back to the last 24 hours for an unknown preset', () => {
    expect(rangePreset('1y').id).toBe('24h');
    expect(rangePreset(null).id).toBe('24h');
  });
});
