import { parseMachineDate, parseVisibleDate } from '@media-monitor/extraction';

/**
 * A feed date as ISO 8601 UTC: RFC 822 (`Wed, 25 Nov 2026 10:00:00 +0300`), ISO 8601 / W3C
 * datetime, or a human-written date (Russian month names included); undefined when unreadable.
 */
export function parseFeedDate(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const machine = parseMachineDate(text);
  if (machine) return new Date(machine).toISOString();
  const ms = Date.parse(text.replace(/\b(UT|Z)$/, 'GMT'));
  if (Number.isFinite(ms)) return new Date(ms).toISOString();
  const visible = parseVisibleDate(text);
  return visible ? new Date(visible).toISOString() : undefined;
}
