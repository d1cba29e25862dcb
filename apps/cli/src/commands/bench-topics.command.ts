import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleIngestedV1,
  CONSUMER_DEFINITIONS,
  Namespace,
  SUBJECTS,
  TopicBackfillQueryV1,
  TopicCreateQueryV1,
  TopicDryRunQueryV1,
  type ArticleIngestedV1 as Ingested,
  type TopicBackfillV1,
} from '@media-monitor/contracts';
import { LocalSystem, repositoryRoot } from '@media-monitor/local-infra';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';

export interface BenchTopicsOptions {
  articles: number;
  /** Live articles per second during the latency phases. */
  rate: number;
  /** Length of the baseline latency phase, in seconds. */
  seconds: number;
  dryRuns: number;
  out: string;
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const HOUR_MS = 3_600_000;

const EN = [
  'The regional governor met reservists at the training ground on Tuesday.',
  'Officials said the new battalion would recruit volunteers on short contracts.',
  'Local media reported complaints about unpaid allowances and old equipment.',
  'The ministry published a weekly briefing on the situation near the border.',
  'Residents of the district were told to expect military traffic overnight.',
  'Analysts note that the recruitment campaign has slowed since the summer.',
  'The city council discussed the budget for civil defence shelters.',
  'Prices for fuel and food continued to rise in the region last month.',
  'Farmers asked the authorities for compensation after the spring floods.',
  'A court in the regional capital sentenced two men for fraud.',
];
const RU = [
  'Губернатор встретился с резервистами на полигоне во вторник.',
  'Власти сообщили, что батальон будет набирать добровольцев по краткосрочным контрактам.',
  'Местные СМИ сообщили о жалобах на невыплаты и старое снаряжение.',
  'Министерство опубликовало еженедельную сводку о ситуации у границы.',
  'Жителей района предупредили о движении военной техники ночью.',
  'Аналитики отмечают, что набор замедлился с лета.',
  'Городской совет обсудил бюджет на укрытия гражданской обороны.',
  'Цены на топливо и продукты в области продолжили расти.',
  'Фермеры попросили власти о компенсации после весеннего паводка.',
  'Суд областного центра приговорил двух мужчин за мошенничество.',
];
const UNITS_EN = ['BARS-Kursk', 'BARS-Kaliningrad', 'BARS-Belgorod'];
const UNITS_RU = ['«БАРС-Курск»', '«БАРС-Калининград»', '«БАРС-Белгород»'];

/** Article `i`: 30 sentences (about 2.5 KB), one in four in Russian; one in five names a BARS unit. Deterministic. */
export function topicBenchArticle(i: number, prefix: string, now: number): Ingested {
  const russian = i % 4 === 3;
  const pool = russian ? RU : EN;
  const sentences = Array.from({ length: 30 }, (_, k) => pool[(i * 7 + k * 3) % pool.length] as string);
  if (i % 5 === 0) {
    const unit = (russian ? UNITS_RU : UNITS_EN)[i % 3] as string;
    sentences[(i * 11) % 30] = russian
      ? `Бойцы батальона ${unit} провели учения.`
      : `Volunteers of ${unit} held an exercise.`;
  }
  const body = `${sentences.join(' ')} Report ${prefix}-${i}.`;
  const url = `https://bench.media-monitor.local/${prefix}/${i}`;
  return {
    articleId: createHash('sha256').update(url).digest('hex').slice(0, 32),
    url,
    canonicalUrl: url,
    title: russian ? `Сводка ${prefix} ${i}` : `Report ${prefix} ${i}`,
    body,
    publishedAt: new Date(now - (i % 720) * HOUR_MS).toISOString(),
    ingestedAt: new Date(now).toISOString(),
    language: russian ? 'ru' : 'en',
    source: { id: `bench-${i % 9}` },
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(latenciesMs: number[]) {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    articles: sorted.length,
    meanMs: Math.round(mean * 10) / 10,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/** Publish → article.entities.v1 latency of every live article, at `rate` per second while `keepGoing()`. */
async function liveLoad(
  nc: NatsConnection,
  publisher: EventPublisher,
  prefix: string,
  rate: number,
  keepGoing: (elapsedMs: number) => boolean,
): Promise<number[]> {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const subscription = nc.subscribe(SUBJECTS.articleEntitiesV1, {
    callback: (_error, msg) => {
      const { articleId } = msg.json<{ articleId: string }>();
      const at = sent.get(articleId);
      if (at !== undefined) {
        latencies.push(Date.now() - at);
        sent.delete(articleId);
      }
    },
  });
  const started = Date.now();
  for (let i = 0; keepGoing(Date.now() - started); i++) {
    const article = topicBenchArticle(i, prefix, Date.now());
    sent.set(article.articleId, Date.now());
    await publisher.publish(ArticleIngestedV1, article, { msgId: article.articleId });
    const next = started + ((i + 1) * 1000) / rate;
    await sleep(Math.max(0, next - Date.now()));
  }
  const deadline = Date.now() + 30_000;
  while (sent.size > 0 && Date.now() < deadline) await sleep(50);
  subscription.unsubscribe();
  return latencies;
}

async function consumerIdle(nc: NatsConnection, timeoutMs: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const consumer = CONSUMER_DEFINITIONS.entityArticles;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.consumers.info(consumer.stream, consumer.durable);
    if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    if (Date.now() > deadline) throw new Error(`entity consumer still has ${info.num_pending} pending`);
    await sleep(500);
  }
}

/**
 * Dry-run time over the most recent stored articles, backfill rate, and the publish → article.entities.v1
 * latency of live articles with and without a backfill running, against the entity service as a process
 * on a private nats-server and FerretDB.
 */
export async function runBenchTopics(options: BenchTopicsOptions): Promise<void> {
  say(`bench topics: ${options.articles} stored articles, live load ${options.rate}/s; ${cpus().length} CPUs`);
  const system = await LocalSystem.start({
    services: ['entity'],
    logLevel: 'warn',
    onProgress: (line) => say(line),
    env: { ENTITY_DRY_RUN_ARTICLES: '10000' },
  });
  const nc = await connect({ servers: system.stack.nats.url });
  try {
    const publisher = new EventPublisher(nc, Namespace.none, { producer: 'bench' });
    const queries = new QueryClient(nc, Namespace.none, { timeoutMs: 60_000 });
    const now = Date.now();
    const loadStarted = Date.now();
    for (let i = 0; i < options.articles; i += 200) {
      const batch = Array.from({ length: Math.min(200, options.articles - i) }, (_, k) =>
        topicBenchArticle(i + k, 'stored', now),
      );
      await Promise.all(batch.map((a) => publisher.publish(ArticleIngestedV1, a, { msgId: a.articleId })));
    }
    await consumerIdle(nc, 3_600_000);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    say(`stored ${options.articles} articles through the entity service in ${loadSeconds.toFixed(1)} s`);

    // About one stored article in fifteen matches (the BARS-Kursk mentions).
    const query = 'entity:unit:bars-kursk OR "батальон территориальной обороны"';
    const dryRuns = [];
    for (let run = 0; run < options.dryRuns; run++) {
      const started = Date.now();
      const result = await queries.request(
        TopicDryRunQueryV1,
        { query, languages: [], sourceIds: [], samples: 10 },
        { timeoutMs: 120_000 },
      );
      dryRuns.push({
        wallMs: Date.now() - started,
        tookMs: result.tookMs,
        scanned: result.scanned,
        matched: result.matched,
        complete: result.complete,
      });
      say(`dry run ${run + 1}: ${result.scanned} scanned, ${result.matched} matched in ${Date.now() - started} ms`);
    }

    say(`baseline: live articles for ${options.seconds} s, no backfill running...`);
    const baseline = summary(
      await liveLoad(nc, publisher, 'live-a', options.rate, (ms) => ms < options.seconds * 1000),
    );
    say(`  latency p50 ${baseline.p50Ms} ms, p95 ${baseline.p95Ms} ms, p99 ${baseline.p99Ms} ms`);

    const runBackfill = async (topicId: string, withLive: boolean) => {
      await queries.request(TopicCreateQueryV1, {
        topic: { topicId, name: topicId, query, languages: [], sourceIds: [] },
      });
      let progress: TopicBackfillV1 | undefined;
      const poll = async () => {
        progress = (await queries.request(TopicBackfillQueryV1, { topicId })).backfills[0];
        return progress;
      };
      while ((await poll())?.status === 'waiting') await sleep(100);
      let latencies: number[] = [];
      if (withLive) {
        let done = false;
        const watcher = (async () => {
          while (!done && (await poll())?.status === 'running') await sleep(250);
          done = true;
        })();
        latencies = await liveLoad(nc, publisher, `live-${topicId}`, options.rate, () => !done);
        await watcher;
      }
      while ((await poll())?.status === 'running') await sleep(250);
      const final = progress as TopicBackfillV1;
      const seconds =
        (new Date(final.finishedAt ?? final.updatedAt).getTime() -
          new Date(final.startedAt ?? final.createdAt).getTime()) /
        1000;
      return {
        status: final.status,
        scanned: final.scanned,
        matched: final.matched,
        seconds,
        articlesPerSecond: Math.round(final.scanned / seconds),
        live: withLive ? summary(latencies) : undefined,
      };
    };

    say('backfill with the live load running...');
    const withLive = await runBackfill('bench-live', true);
    say(
      `  ${withLive.scanned} articles in ${withLive.seconds.toFixed(1)} s (${withLive.articlesPerSecond}/s), ` +
        `live latency p50 ${withLive.live?.p50Ms} ms, p95 ${withLive.live?.p95Ms} ms, p99 ${withLive.live?.p99Ms} ms`,
    );
    say(`baseline again: live articles for ${options.seconds} s, no backfill running...`);
    const baselineAfter = summary(
      await liveLoad(nc, publisher, 'live-c', options.rate, (ms) => ms < options.seconds * 1000),
    );
    say(`  latency p50 ${baselineAfter.p50Ms} ms, p95 ${baselineAfter.p95Ms} ms, p99 ${baselineAfter.p99Ms} ms`);
    say('backfill alone...');
    const alone = await runBackfill('bench-alone', false);
    say(`  ${alone.scanned} articles in ${alone.seconds.toFixed(1)} s (${alone.articlesPerSecond}/s)`);

    const report = {
      benchmark: 'topics',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverage: loadavg() },
      store: 'FerretDB v1.24 (SQLite)',
      storedArticles: options.articles,
      loadSeconds,
      query,
      dryRuns,
      liveRatePerSecond: options.rate,
      baseline,
      backfillWithLive: withLive,
      baselineAfter,
      backfillAlone: alone,
    };
    const out = join(repositoryRoot(), options.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    say(`written to ${options.out}`);
  } finally {
    await nc.close();
    await system.stop();
  }
}
