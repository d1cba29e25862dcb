/**
 * Date parsing for page metadata and visible bylines, normalised to ISO 8601 in UTC. A date without
 * a time is midnight UTC; a visible time without a zone is taken as UTC (pages rarely say which).
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  // Russian genitive ("25 ноября"), nominative ("ноябрь 2026") and common abbreviations.
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
  январь: 1,
  февраль: 2,
  март: 3,
  апрель: 4,
  май: 5,
  июнь: 6,
  июль: 7,
  август: 8,
  сентябрь: 9,
  октябрь: 10,
  ноябрь: 11,
  декабрь: 12,
  янв: 1,
  фев: 2,
  мар: 3,
  апр: 4,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  сент: 9,
  окт: 10,
  ноя: 11,
  нояб: 11,
  дек: 12,
};

const MONTH_NAME = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const TIME = String.raw`(?:[,\s]+(?:в\s+|at\s+)?(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?)?`;

/** "25 ноября 2026", "25 November 2026, 14:30", "25 нояб. 2026 г." */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,2})\s+(${MONTH_NAME})\.?,?\s+(\d{4})(?:\s*г(?:ода|\.)?)?${TIME}`,
  'iu',
);
/** "Nov 25, 2026", "November 25 2026 3:45 PM" */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`(?<![\p{L}\d])(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}`,
  'iu',
);
/** "25.11.2026" and "25.11.2026 14:30", the Russian numeric style. */
const DOTTED = new RegExp(String.raw`(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}`);

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

/** Years outside this range are misreadings (ids, prices), not publication dates. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** A machine-readable date (ISO 8601, RFC 2822, epoch-free) as ISO 8601 UTC. */
export function parseMachineDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    return build(+y!, +mo!, +d!, +h, +mi, +s, zoneOffsetMinutes(zone));
  }
  if (/^\d{8}$/.test(text)) return build(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8), 0, 0, 0, 0);
  // RFC 2822 and other forms Date understands, but only when they name a zone, or UTC is assumed.
  if (/[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}\s+\d{4}/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return checked(new Date(ms));
  }
  return parseVisibleDate(text);
}

/** The first human-written date in a text ("25 ноября 2026", "Nov 25, 2026", "25.11.2026"). */
export function parseVisibleDate(text: string): string | undefined {
  return findVisibleDate(text)?.iso;
}

/** Where the first human-written date of a text starts, or the text's length when there is none. */
export function parseVisibleDateIndex(text: string): number {
  return findVisibleDate(text)?.index ?? text.length;
}

function findVisibleDate(text: string): { index: number; iso: string } | undefined {
  // Every pattern needs a four-digit year; most bylines have none, and the patterns are costly.
  if (!/\d{4}/.test(text)) return undefined;
  const candidates: { index: number; iso: string }[] = [];
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const iso = fromParts(+dmy[3]!, MONTHS[dmy[2]!.toLowerCase()], +dmy[1]!, dmy[4], dmy[5], dmy[6]);
    if (iso) candidates.push({ index: dmy.index, iso });
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const iso = fromParts(+mdy[3]!, MONTHS[mdy[1]!.toLowerCase()], +mdy[2]!, mdy[4], mdy[5], mdy[6]);
    if (iso) candidates.push({ index: mdy.index, iso });
  }
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const iso = fromParts(+dotted[3]!, +dotted[2]!, +dotted[1]!, dotted[4], dotted[5], dotted[6]);
    if (iso) candidates.push({ index: dotted.index, iso });
  }
  return candidates.sort((a, b) => a.index - b.index)[0];
}

/** A date in a URL path: /2019/11/19/, /2019-11-19-, /20191119/. */
export function parseUrlDate(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m =
    /(?:^|\/)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.]|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/\-_.]|$)/.exec(path);
  return m ? build(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0, 0) : undefined;
}

function fromParts(
  year: number,
  month: number | undefined,
  day: number,
  hour?: string,
  minute?: string,
  meridiem?: string,
): string | undefined {
  if (!month) return undefined;
  let h = hour ? +hour : 0;
  if (meridiem) {
    const pm = meridiem.toLowerCase().startsWith('p');
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  return build(year, month, day, h, minute ? +minute : 0, 0, 0);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2, 4) : 0));
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 31 November over into December: such a date was never a date.
  if (local.getUTCDate() !== d) return undefined;
  return checked(new Date(local.getTime() - offset * 60_000));
}

function checked(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}
