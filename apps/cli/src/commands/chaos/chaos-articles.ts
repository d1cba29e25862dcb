import { mulberry32 } from '@media-monitor/random';
import type { DemoArticle } from '../demo-articles.js';

const HOUR_MS = 3_600_000;
const UNITS = ['BARS-Kaliningrad', 'BARS-Kursk', 'BARS-Belgorod', 'BARS-Bryansk', 'BARS-Pskov'];
/** Words drawn at random for each body, so that no two articles are near-duplicates of each other. */
const WORDS = (
  'river bridge winter harvest council budget school hospital railway station market factory village ' +
  'election teacher doctor farmer engineer soldier volunteer officer governor mayor minister court judge ' +
  'report survey audit contract salary pension tax grant loan fund road airport port border crossing ' +
  'exercise drill parade ceremony memorial museum library theatre concert festival football hockey ' +
  'storm flood fire drought frost heat snow rain wind forest lake coast island mountain valley plain ' +
  'north south east west morning evening night week month spring summer autumn quarter decade century ' +
  'equipment uniform vehicle truck radio drone rifle helmet boots rations fuel medicine water bread ' +
  'training recruitment reserve contract allowance complaint praise criticism inspection visit meeting'
).split(' ');

function words(next: () => number, count: number): string {
  return Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/**
 * `count` distinct English articles about a BARS battalion (each matches the seeded topic "bars"
 * through "territorial defence battalion"), dated within the 20 hours before `now`; `marker`, when
 * given, is named in the title and body (the alert articles).
 */
export function chaosArticle(i: number, now: Date, marker?: string): DemoArticle {
  const next = mulberry32(i * 7919 + (marker ? 1 : 0));
  const unit = UNITS[i % UNITS.length];
  const extra = marker ? ` ${marker}` : '';
  return {
    url: `https://chaos.media-monitor.local/${marker ? 'alert' : 'report'}-${i}`,
    title: `${unit}:${extra} ${words(next, 5)} ${i}`,
    body:
      `The ${unit} territorial defence battalion${extra} ${words(next, 30)}. ` +
      `Report ${i} also mentions ${words(next, 20)}.`,
    publishedAt: new Date(now.getTime() - ((i % 20) + 0.5) * HOUR_MS).toISOString(),
    source: { id: `chaos-${i % 7}` },
    language: 'en',
  };
}
