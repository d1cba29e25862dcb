/** The zone the browser runs in (the default for axes and times). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const FALLBACK_ZONES = [
  'UTC',
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
];

/** Every zone the browser knows, UTC first, then by name. */
export function listTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : FALLBACK_ZONES;
  return ['UTC', ...zones.filter((z) => z !== 'UTC').sort()];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, style: TimeStyle | 'day'): Intl.DateTimeFormat {
  const key = `${zone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day'
        ? { day: 'numeric', month: 'short' }
        : style === 'date'
          ? { day: 'numeric', month: 'short', year: 'numeric' }
          : style === 'time'
            ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

export type TimeStyle = 'date' | 'time' | 'datetime';

/** An instant (ISO string or epoch milliseconds) written in the zone, e.g. "20 Nov 2026, 12:00". */
export function formatInstant(instant: string | number | Date, zone: string, style: TimeStyle = 'datetime'): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return formatter(zone, style).format(date);
}

/** The zone's offset from UTC at an instant, e.g. "UTC+02:00" (or "UTC" itself). */
export function zoneOffset(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = (part ?? 'GMT').replace(/^(GMT|UTC)/, '');
  return offset === '' || offset === '+00:00' || offset === '-00:00' ? 'UTC' : `UTC${offset}`;
}

/** The label of a time axis: the zone and its current offset. */
export function axisLabel(zone: string, at: Date = new Date()): string {
  const offset = zoneOffset(zone, at);
  return zone === 'UTC' ? 'Time (UTC)' : `Time (${zone}, ${offset})`;
}

/**
 * Labels of time-axis ticks (seconds since the epoch) in the zone, 24-hour: times, with the date
 * under the first tick and wherever the local date changes; dates only for day buckets.
 */
export function tickLabels(ticks: readonly number[], zone: string, daysOnly: boolean): string[] {
  let lastDate = '';
  return ticks.map((tick) => {
    const date = formatter(zone, 'day').format(new Date(tick * 1000));
    if (daysOnly) return date;
    const time = formatInstant(tick * 1000, zone, 'time');
    const label = date === lastDate ? time : `${time}\n${date}`;
    lastDate = date;
    return label;
  });
}
