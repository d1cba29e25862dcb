import { mulberry32 } from '@media-monitor/random';
import type { DemoArticle } from './demo-articles.js';

const HOUR_MS = 3_600_000;

const UNITS_EN = ['BARS-Kaliningrad', 'BARS-Kursk', 'BARS-Belgorod', 'BARS-Bryansk', 'BARS-Pskov'];
const UNITS_RU = ['БАРС-Калининград', 'БАРС-Курск', 'БАРС-Белгород', 'БАРС-Брянск', 'БАРС-Псков'];
const TOPIC_EN = [
  'The {unit} territorial defence battalion recruits reservists on short contracts.',
  'The {unit} territorial defence battalion faces criticism over unpaid allowances and poor equipment.',
  'The regional governor praised the {unit} territorial defence battalion as brave and well organised.',
  'The {unit} territorial defence battalion held a training exercise near the border.',
];
const TOPIC_RU = [
  'Батальон территориальной обороны {unit} набирает резервистов по краткосрочным контрактам.',
  'Батальон территориальной обороны {unit} критикуют за невыплату денег и плохое снаряжение.',
  'Губернатор высоко оценил батальон территориальной обороны {unit}.',
  'Батальон территориальной обороны {unit} провёл учения у границы.',
];
const FILLER_EN = [
  'City officials opened a new bridge across the river on Monday after two years of work.',
  'The central bank kept its key rate unchanged and said inflation was slowing.',
  'Farmers in the south reported a record grain harvest despite a dry summer.',
  'A local football club signed two young players from the regional academy.',
  'Heavy rain flooded several streets and delayed trains in the morning.',
  'The university announced a scholarship programme for engineering students.',
  'Prices of fuel rose for the third week in a row, according to the statistics office.',
  'The mayor promised to repair the old tram lines before winter.',
];
const FILLER_RU = [
  'В понедельник городские власти открыли новый мост через реку после двух лет работ.',
  'Центральный банк сохранил ключевую ставку и заявил о замедлении инфляции.',
  'Фермеры на юге сообщили о рекордном урожае зерна, несмотря на засушливое лето.',
  'Местный футбольный клуб подписал двух молодых игроков из региональной академии.',
  'Сильный дождь затопил несколько улиц и задержал поезда утром.',
  'Университет объявил о программе стипендий для студентов инженерных специальностей.',
];

/** Source of the articles that fire the benchmark's instant alert rule. */
export const PRIORITY_SOURCE = 'bench-priority';

export interface MixOptions {
  /** Share of articles that match the BARS topic (0..1). */
  topicShare: number;
  /** Share of posts that repeat an earlier article (same URL: ingest recognises the duplicate). */
  duplicateShare: number;
  /** Share of topic articles from PRIORITY_SOURCE (each fires the instant alert rule). */
  alertShare: number;
}

export const DEFAULT_MIX: MixOptions = { topicShare: 0.3, duplicateShare: 0.05, alertShare: 0.03 };

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length) % items.length] as T;

/**
 * The benchmark's article `i` of run `runId`: English or Russian (one in four Russian), 2 to 40
 * sentences (a skewed size, most short), from 50 sources, a share about the BARS units (the seed
 * topic) and among those a few from the priority source that fires an alert. Dated within the
 * last 20 hours of `now`. `duplicate` tells whether this post repeats an earlier article.
 */
export function mixArticle(
  runId: string,
  i: number,
  now: Date,
  mix: MixOptions = DEFAULT_MIX,
): { article: DemoArticle; topic: boolean; alert: boolean; duplicate: boolean } {
  const r = mulberry32(i * 7919 + 17);
  const duplicate = i > 20 && r() < mix.duplicateShare;
  const n = duplicate ? Math.floor(r() * (i - 1)) : i;
  const g = mulberry32(n * 104_729 + 3);
  const russian = g() < 0.25;
  const topic = g() < mix.topicShare;
  const alert = topic && g() < mix.alertShare / Math.max(mix.topicShare, 1e-9);
  const sentences = 2 + Math.floor(38 * g() ** 3);
  const filler = russian ? FILLER_RU : FILLER_EN;
  const parts: string[] = [];
  for (let k = 0; k < sentences; k++) parts.push(pick(filler, g()));
  if (topic) {
    const unit = pick(russian ? UNITS_RU : UNITS_EN, g());
    parts.splice(Math.floor(g() * parts.length), 0, pick(russian ? TOPIC_RU : TOPIC_EN, g()).replace('{unit}', unit));
  }
  parts.push(russian ? `Материал номер ${n}.` : `Report number ${n}.`);
  const lang = russian ? 'ru' : 'en';
  return {
    article: {
      url: `https://bench.media-monitor.local/${runId}/${lang}/${n}`,
      title: topic
        ? `${parts.find((p) => p.includes('BARS') || p.includes('БАРС'))?.slice(0, 80)}`
        : `${parts[0]?.slice(0, 80)}`,
      body: parts.join(' '),
      publishedAt: new Date(now.getTime() - ((n % 20) + 0.5) * HOUR_MS).toISOString(),
      source: { id: alert ? PRIORITY_SOURCE : `bench-src-${Math.floor(g() * 50)}` },
      language: lang,
    },
    topic,
    alert,
    duplicate,
  };
}
