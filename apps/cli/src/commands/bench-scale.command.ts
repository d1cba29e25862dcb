import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  CONSUMER_DEFINITIONS,
  STREAM_DEFINITIONS,
  SUBJECTS,
  type SeriesTrendResponseV1,
} from '@media-monitor/contracts';
import { LocalSystem, repositoryRoot, type RunningService } from '@media-monitor/local-infra';
import { benchmarkArticles } from './bench-articles.js';

export interface BenchScaleOptions {
  articles: number;
  replicas: number[];
  /** Consumer services to replicate; the others run one process. */
  services: ConsumerService[];
  batch: number;
  timeoutS: number;
}

/** The services that consume a durable consumer; only these are scaled. */
export const CONSUMER_SERVICES = ['entity', 'sentiment', 'trends', 'alert'] as const;
export type ConsumerService = (typeof CONSUMER_SERVICES)[number];

interface FinalCounts {
  articlesAccepted: number;
  ingested: number;
  entities: number;
  sentiment: number;
  analyzed: number;
  alerts: number;
  deadLetters: number;
  trendArticles: number;
}

interface RunResult {
  replicas: number;
  articles: number;
  /** Ingest alone, consumers stopped (not part of the throughput). */
  ingestSeconds: number;
  /** From resuming the paused durable consumers until every consumer is idle. */
  totalSeconds: number;
  articlesPerSecond: number;
  redeliveries: number;
  counts: FinalCounts;
  /** Messages each process acknowledged, by process: shows the replicas shared the work. */
  processedByProcess: Record<string, number>;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

async function postBatch(url: string, apiKey: string, articles: unknown[]): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ articles }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  const { results } = JSON.parse(text) as { results: Array<{ status: string }> };
  return results.filter((r) => r.status === 'accepted').length;
}

/** Messages per subject across every stream the system owns. */
async function subjectCounts(jsm: JetStreamManager): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const stream of Object.values(STREAM_DEFINITIONS)) {
    const info = await jsm.streams.info(stream.name, { subjects_filter: '>' });
    Object.assign(counts, info.state.subjects ?? {});
  }
  return counts;
}

/** Pending plus unacknowledged messages over every durable consumer, and their redeliveries. */
async function consumerBacklog(jsm: JetStreamManager): Promise<{ backlog: number; redelivered: number }> {
  let backlog = 0;
  let redelivered = 0;
  for (const consumer of Object.values(CONSUMER_DEFINITIONS)) {
    const info = await jsm.consumers.info(consumer.stream, consumer.durable);
    backlog += info.num_pending + info.num_ack_pending;
    redelivered += info.num_redelivered;
  }
  return { backlog, redelivered };
}

async function trendArticles(gatewayUrl: string, apiKey: string): Promise<number> {
  const res = await fetch(`${gatewayUrl}/v1/topics/bars/trends?interval=hour`, { headers: { 'x-api-key': apiKey } });
  if (!res.ok) throw new Error(`trend query answered ${res.status}: ${await res.text()}`);
  const trend = (await res.json()) as SeriesTrendResponseV1;
  return trend.points.reduce((n, p) => n + p.articles, 0);
}

/** Sum of `messaging_messages_processed_total` in one process's /metrics. */
async function processedBy(service: RunningService): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('messaging_messages_processed_total'))
    .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function runOnce(replicas: number, options: BenchScaleOptions): Promise<RunResult> {
  const system = await LocalSystem.start({
    logLevel: 'warn',
    // Generous: a loaded machine starts many Node processes slowly.
    readyTimeoutMs: 180_000,
    replicas: Object.fromEntries(options.services.map((name) => [name, replicas])),
    // FerretDB v1 loses concurrent updates to one document: trends replicas order their writes
    // through per-document locks in NATS (not needed on MongoDB).
    env: { TRENDS_WRITE_LOCK: 'nats', RATE_LIMIT_PER_MINUTE: '1000000' },
    onProgress: (line) => say(`  ${line.trim()}`),
  });
  const nc = await connect({ servers: system.stack.nats.url, name: 'bench-scale' });
  try {
    const jsm = await jetstreamManager(nc);
    const articles = benchmarkArticles(options.articles, new Date());
    const ingestUrl = `${system.url('ingest')}/v1/articles`;
    // The durable consumers are paused while ingest fills ARTICLES, so the timing is the consumers' alone.
    const durables = Object.values(CONSUMER_DEFINITIONS);
    for (const c of durables) await jsm.consumers.pause(c.stream, c.durable, new Date(Date.now() + 3_600_000));
    const ingestStarted = performance.now();
    let accepted = 0;
    for (let i = 0; i < articles.length; i += options.batch) {
      accepted += await postBatch(ingestUrl, system.apiKey, articles.slice(i, i + options.batch));
    }
    while ((await subjectCounts(jsm))[SUBJECTS.articleIngestedV1] !== accepted) await sleep(200);
    const started = performance.now();
    for (const c of durables) await jsm.consumers.resume(c.stream, c.durable);
    const deadline = started + options.timeoutS * 1000;
    let idlePolls = 0;
    let redeliveries = 0;
    // Done when no consumer has work left, twice in a row.
    while (idlePolls < 2) {
      if (performance.now() > deadline) throw new Error(`pipeline not idle after ${options.timeoutS} s`);
      await sleep(200);
      const { backlog, redelivered } = await consumerBacklog(jsm);
      redeliveries = redelivered;
      idlePolls = backlog === 0 ? idlePolls + 1 : 0;
    }
    const finished = performance.now();
    const subjects = await subjectCounts(jsm);
    const count = (subject: string) => subjects[subject] ?? 0;
    const deadLetters = Object.entries(subjects)
      .filter(([subject]) => subject.startsWith(`${SUBJECTS.deadLetterPrefix}.`))
      .reduce((n, [, messages]) => n + messages, 0);
    const processedByProcess: Record<string, number> = {};
    for (const service of system.processes.filter((p) => (CONSUMER_SERVICES as readonly string[]).includes(p.name))) {
      processedByProcess[`${service.name}#${service.replica}`] = await processedBy(service);
    }
    const totalSeconds = (finished - started) / 1000;
    return {
      replicas,
      articles: articles.length,
      ingestSeconds: round((started - ingestStarted) / 1000),
      totalSeconds: round(totalSeconds),
      articlesPerSecond: round(accepted / totalSeconds),
      redeliveries,
      counts: {
        articlesAccepted: accepted,
        ingested: count(SUBJECTS.articleIngestedV1),
        entities: count(SUBJECTS.articleEntitiesV1),
        sentiment: count(SUBJECTS.articleSentimentV1),
        analyzed: count(SUBJECTS.articleAnalyzedV1),
        alerts: count(SUBJECTS.alertRaisedV1),
        deadLetters,
        trendArticles: await trendArticles(system.url('gateway'), system.apiKey),
      },
      processedByProcess,
    };
  } finally {
    await nc.close();
    await system.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Every run must end with the same counts, and every unique article analysed and counted once. */
function consistencyProblems(results: RunResult[]): string[] {
  const problems: string[] = [];
  const reference = JSON.stringify(results[0]?.counts);
  for (const result of results) {
    const { counts } = result;
    if (JSON.stringify(counts) !== reference) problems.push(`counts with ${result.replicas} replica(s) differ`);
    for (const key of ['ingested', 'entities', 'sentiment', 'analyzed', 'trendArticles'] as const) {
      if (counts[key] !== counts.articlesAccepted) {
        problems.push(`${result.replicas} replica(s): ${key} = ${counts[key]}, expected ${counts.articlesAccepted}`);
      }
    }
    if (counts.deadLetters !== 0) problems.push(`${result.replicas} replica(s): ${counts.deadLetters} dead letters`);
  }
  return problems;
}

/**
 * Pushes the same articles through the whole pipeline with 1, 2, 3... processes per consumer
 * service sharing the durable consumers, and records throughput and final counts per run.
 */
export async function runBenchScale(options: BenchScaleOptions): Promise<void> {
  say(
    `bench scale: ${options.articles} articles, replicas ${options.replicas.join(', ')} of ${options.services.join(', ')}`,
  );
  say(`machine: ${cpus().length} cores, load average ${loadavg().map(round).join(' ')}`);
  const results: RunResult[] = [];
  for (const replicas of options.replicas) {
    say();
    say(`${replicas} replica(s) of ${options.services.join(', ')}:`);
    const result = await runOnce(replicas, options);
    results.push(result);
    say(
      `  ${result.articlesPerSecond} articles/s through entity, sentiment, trends and alert ` +
        `(${result.totalSeconds} s; ingest before, consumers paused: ${result.ingestSeconds} s), ` +
        `${result.redeliveries} redeliveries`,
    );
    say(`  counts ${JSON.stringify(result.counts)}`);
    say(`  acknowledged per process ${JSON.stringify(result.processedByProcess)}`);
  }
  const problems = consistencyProblems(results);
  say();
  say('replicas  articles/s  seconds  analyzed  trend total  alerts');
  for (const r of results) {
    say(
      `${String(r.replicas).padStart(8)}  ${String(r.articlesPerSecond).padStart(10)}  ${String(r.totalSeconds).padStart(7)}  ` +
        `${String(r.counts.analyzed).padStart(8)}  ${String(r.counts.trendArticles).padStart(11)}  ${String(r.counts.alerts).padStart(6)}`,
    );
  }
  const reportDir = join(repositoryRoot(), 'reports');
  mkdirSync(reportDir, { recursive: true });
  const file = join(reportDir, `bench-scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = {
    at: new Date().toISOString(),
    cores: cpus().length,
    loadAverage: loadavg().map(round),
    options,
    results,
    consistent: problems.length === 0,
    problems,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say();
  say(
    problems.length === 0 ? 'final counts identical across runs and equal to the accepted articles' : 'INCONSISTENT:',
  );
  for (const problem of problems) say(`  ${problem}`);
  say(`report: ${file}`);
  if (problems.length > 0) process.exitCode = 1;
}
