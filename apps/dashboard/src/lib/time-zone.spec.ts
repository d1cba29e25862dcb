import { describe, expect, it } from '@jest/globals';
import { axisLabel, formatInstant, isValidTimeZone, listTimeZones, tickLabels, zoneOffset } from './time-zone.js';

describe('time zones', () => {
  it('writes an instant in the chosen zone, not the machine one', () => {
    const at = '2026-11-20T10:00:00Z';
    expect(formatInstant(at, 'UTC')).toBe('20 Nov 2026, 10:00');
    expect(formatInstant(at, 'Europe/Kaliningrad')).toBe('20 Nov 2026, 12:00');
    expect(formatInstant(at, 'Asia/Vladivostok', 'time')).toBe('20:00');
    // The local date may differ from the UTC one.
    expect(formatInstant('2026-11-20T22:30:00Z', 'Europe/Moscow', 'date')).toBe('21 Nov 2026');
  });

  it('names the offset of the zone at the instant (daylight saving included)', () => {
    expect(zoneOffset('UTC')).toBe('UTC');
    expect(zoneOffset('Europe/Moscow', new Date('2026-07-01T00:00:00Z'))).toBe('UTC+03:00');
    expect(zoneOffset('Europe/Berlin', new Date('2026-01-15T00:00:00Z'))).toBe('UTC+01:00');
    expect(zoneOffset('Europe/Berlin', new Date('2026-07-15T00:00:00Z'))).toBe('UTC+02:00');
    expect(axisLabel('Europe/Kaliningrad', new Date('2026-11-20T00:00:00Z'))).toBe(
      'Time (Europe/Kaliningrad, UTC+02:00)',
    );
  });

  it('knows valid zones, refuses invented ones and lists UTC first', () => {
    expect(isValidTimeZone('Europe/Kaliningrad')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    const zones = listTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Moscow');
  });

  it('shows an unreadable instant as it was given', () => {
    expect(formatInstant('not a date', 'UTC')).toBe('not a date');
  });
});

describe('tickLabels', () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  it('writes 24-hour times in the zone, with the local date where it changes', () => {
    const ticks = [at('2026-11-20T18:00:00Z'), at('2026-11-20T20:00:00Z'), at('2026-11-20T22:00:00Z')];
    expect(tickLabels(ticks, 'UTC', false)).toEqual(['18:00\n20 Nov', '20:00', '22:00']);
    // Moscow is three hours ahead: the last tick is already the next day there.
    expect(tickLabels(ticks, 'Europe/Moscow', false)).toEqual(['21:00\n20 Nov', '23:00', '01:00\n21 Nov']);
  });

  it('writes only dates for day buckets', () => {
    expect(tickLabels([at('2026-11-19T21:00:00Z'), at('2026-11-20T21:00:00Z')], 'Europe/Moscow', true)).toEqual([
      '20 Nov',
      '21 Nov',
    ]);
  });
});
