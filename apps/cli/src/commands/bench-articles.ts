import type { DemoArticle } from './demo-articles.js';

const HOUR_MS = 3_600_000;

const UNITS_EN = ['BARS-Kaliningrad', 'BARS-Kursk', 'BARS-Belgorod', 'BARS-Bryansk', 'BARS-Pskov'];
const UNITS_RU = ['БАРС-Калининград', 'БАРС-Курск', 'БАРС-Белгород', 'БАРС-Брянск', 'БАРС-Псков'];
const EVENTS_EN = [
  'recruits reservists on short contracts',
  'was praised by the regional governor as brave and well organised',
  'faces criticism over unpaid allowances and poor equipment',
  'held a training exercise near the border',
  'was mentioned by the Ministry of Defense in a weekly briefing',
];
const EVENTS_RU = [
  'набирает резервистов по краткосрочным контрактам',
  'получил высокую оценку губернатора',
  'критикуют за невыплату денег и плохое снаряжение',
  'провёл учения у границы',
  'упомянут Министерством обороны в еженедельной сводке',
];

/**
 * `count` distinct articles about the BARS units (so every one matches the demo topic), four in
 * five in English, dated within the last 20 hours. Deterministic: article i is the same in every run.
 */
export function benchmarkArticles(count: number, now: Date): DemoArticle[] {
  return Array.from({ length: count }, (_, i) => {
    const russian = i % 5 === 4;
    const units = russian ? UNITS_RU : UNITS_EN;
    const events = russian ? EVENTS_RU : EVENTS_EN;
    const unit = units[i % units.length];
    const event = events[Math.floor(i / units.length) % events.length];
    const other = units[(i + 2) % units.length];
    const body = russian
      ? `Батальон территориальной обороны ${unit} ${event}. Сводка номер ${i}. В ней также упомянут ${other}.`
      : `The ${unit} territorial defence battalion ${event}, report number ${i} says. It also names ${other}.`;
    return {
      url: `https://bench.media-monitor.local/${russian ? 'ru' : 'en'}/report-${i}`,
      title: russian ? `${unit}: сводка ${i}` : `${unit}: report ${i}`,
      body,
      publishedAt: new Date(now.getTime() - ((i % 20) + 0.5) * HOUR_MS).toISOString(),
      source: { id: `bench-${i % 7}` },
      language: russian ? 'ru' : 'en',
    };
  });
}
