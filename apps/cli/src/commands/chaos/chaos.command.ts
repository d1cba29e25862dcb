import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  CONSUMER_DEFINITIONS,
  SUBJECTS,
  type ArticleListResponseV1,
  type DeadLetterPage,
  type SeriesTrendResponseV1,
} from '@media-monitor/contracts';
import { LocalSystem, repositoryRoot, type ServiceName } from '@media-monitor/local-infra';
import type { DemoArticle } from '../demo-articles.js';
import { chaosArticle } from './chaos-articles.js';
import { POISON_MARKER, chaosVerdict, type ChaosSummary } from './chaos-verdict.js';
import { WebhookSink } from './webhook-sink.js';

export interface ChaosOptions {
  articles: number;
  alerts: number;
  poison: number;
  /** Articles per ingest request. */
  batch: number;
  /** Pause between two ingest requests, in milliseconds: spreads the stream over the kills. */
  pauseMs: number;
  /** How long a killed process stays down before it is restarted, in milliseconds. */
  downMs: number;
  /**
   * How long the draining pipeline may make no progress (its backlog not shrinking, no new alert),
   * in seconds, before the run fails. A backlog that keeps shrinking is waited for however long.
   */
  drainTimeoutS: number;
}

/** `--quick`: a few hundred articles, the same kills, well under three minutes. */
export const QUICK_CHAOS: ChaosOptions = {
  articles: 300,
  alerts: 6,
  poison: 8,
  batch: 10,
  pauseMs: 500,
  downMs: 1_000,
  drainTimeoutS: 300,
};
export const FULL_CHAOS: ChaosOptions = {
  articles: 10_000,
  alerts: 30,
  poison: 24,
  batch: 100,
  pauseMs: 700,
  downMs: 2_000,
  drainTimeoutS: 600,
};

const ALERT_TOPIC = 'chaos-alert';
/** A word no benchmark article contains: only the alert articles match the alert topic. */
const ALERT_WORD = 'Zyxtrelion';
const TREND_TOPIC = 'bars';
const HOUR_MS = 3_600_000;
/** No request of the run waits longer than this, in milliseconds (a hung one is retried). */
const REQUEST_TIMEOUT_MS = 30_000;

const say = (line = '') => process.stdout.write(`${line}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const elapsed = (since: number) => round((performance.now() - since) / 1000);

/** The run's articles, with `alerts` articles naming the alert word spread evenly among them. */
function chaosArticles(options: ChaosOptions, now: Date): { articles: DemoArticle[]; alertUrls: Set<string> } {
  const articles = Array.from({ length: options.articles }, (_, i) => chaosArticle(i, now));
  const alertUrls = new Set<string>();
  const every = Math.max(1, Math.floor(articles.length / (options.alerts + 1)));
  for (let i = 0; i < options.alerts; i += 1) {
    const article = chaosArticle(i, now, ALERT_WORD);
    alertUrls.add(article.url);
    articles.splice((i + 1) * every + i, 0, article);
  }
  return { articles, alertUrls };
}

/** Retries `attempt` until it resolves (services and infrastructure come and go during the run). */
async function retrying<T>(what: string, attempt: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await sleep(250);
    }
  }
}

async function ok(res: Response, what: string, alsoFine: readonly number[] = []): Promise<unknown> {
  const text = await res.text();
  if (alsoFine.includes(res.status)) return undefined;
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

class ChaosRun {
  readonly recovery: Record<string, number> = {};
  readonly sentUrls: string[] = [];
  readonly articleIdByUrl = new Map<string, string>();
  poisonInjected = 0;
  ingestRetries = 0;
  lastIngestError = '';
  private reportedAt = Date.now();

  constructor(
    readonly system: LocalSystem,
    readonly nc: NatsConnection,
    readonly sink: WebhookSink,
    readonly options: ChaosOptions,
  ) {}

  /** A gateway call, retried while the gateway is down; `alsoFine`: statuses a retried write may get (409). */
  api(path: string, init: { method?: string; body?: unknown; alsoFine?: number[] } = {}): Promise<unknown> {
    return retrying(`${init.method ?? 'GET'} ${path}`, async () =>
      ok(
        await fetch(`${this.system.url('gateway')}${path}`, {
          method: init.method ?? 'GET',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          headers: {
            'x-api-key': this.system.apiKey,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        }),
        `${init.method ?? 'GET'} ${path}`,
        init.alsoFine,
      ),
    );
  }

  /** The alert topic, an instant rule on it and the sink as the rule's only destination. */
  async configure(secret: string): Promise<void> {
    await this.api('/v1/alert-destinations/chaos-sink', {
      method: 'PUT',
      body: { name: 'chaos webhook sink', type: 'webhook', url: this.sink.url, secret },
    });
    await this.api('/v1/topics', {
      method: 'POST',
      body: { topicId: ALERT_TOPIC, name: 'Chaos alert articles', query: ALERT_WORD },
      alsoFine: [409],
    });
    await this.api(`/v1/alert-rules/chaos-instant`, {
      method: 'PUT',
      body: {
        name: 'every chaos alert article',
        scope: { type: 'topic', id: ALERT_TOPIC },
        kind: 'instant-match',
        destinationIds: ['chaos-sink'],
      },
    });
    // The topic's first version must be active (its backfill done) before its articles arrive.
    await retrying('the alert topic to become active', async () => {
      const topic = (await this.api(`/v1/topics/${ALERT_TOPIC}`)) as { activeVersion?: number | null };
      if (!topic.activeVersion) throw new Error('not active yet');
    });
  }

  /** Posts every article, batch by batch, retrying a batch until ingest answers it (at-least-once sending). */
  async send(articles: DemoArticle[]): Promise<void> {
    for (let i = 0; i < articles.length; i += this.options.batch) {
      const batch = articles.slice(i, i + this.options.batch);
      const { results } = (await retrying(
        'ingest',
        async () => {
          try {
            return (await ok(
              await fetch(`${this.system.url('ingest')}/v1/articles`, {
                method: 'POST',
                signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                headers: { 'content-type': 'application/json', 'x-api-key': this.system.apiKey },
                body: JSON.stringify({ articles: batch }),
              }),
              'POST /v1/articles',
            )) as { results: Array<{ status: string; articleId?: string; error?: unknown }> };
          } catch (error) {
            this.ingestRetries += 1;
            this.lastIngestError = (error as Error).message;
            throw error;
          }
        },
        300_000,
      )) as { results: Array<{ status: string; articleId?: string }> };
      results.forEach((result, k) => {
        const url = batch[k]?.url;
        if (!url) return;
        if (result.status !== 'accepted' && result.status !== 'duplicate') {
          throw new Error(`ingest refused ${url}: ${JSON.stringify(result)}`);
        }
        if (!this.articleIdByUrl.has(url)) this.sentUrls.push(url);
        if (result.articleId) this.articleIdByUrl.set(url, result.articleId);
      });
      if (Date.now() - this.reportedAt > 15_000) {
        this.reportedAt = Date.now();
        say(
          `  sent ${this.sentUrls.length}/${articles.length} (${this.ingestRetries} retries; last: ${this.lastIngestError || 'none'})`,
        );
      }
      await sleep(this.options.pauseMs);
    }
  }

  /** One poison message on the article subject: bad JSON or a payload that breaks the contract. */
  async injectPoison(): Promise<void> {
    const i = this.poisonInjected;
    const payload = i % 2 === 0 ? `{"${POISON_MARKER}": ${i}, "not": "an article"}` : `${POISON_MARKER} ${i} {not json`;
    await retrying(
      'poison publish',
      () =>
        jetstream(this.nc).publish(SUBJECTS.articleIngestedV1, payload, { msgID: `chaos-poison-${i}`, timeout: 5_000 }),
      300_000,
    );
    this.poisonInjected += 1;
  }

  private async allReady(): Promise<void> {
    await Promise.all(
      this.system.processes.map((p) =>
        retrying(
          `${p.name} ready`,
          async () => {
            const res = await fetch(`${p.url}/health/ready`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
            await res.body?.cancel();
            if (res.status !== 200) throw new Error(String(res.status));
          },
          180_000,
        ),
      ),
    );
  }

  /** SIGKILLs each service in turn, then nats-server, then FerretDB; restarts each and times its recovery. */
  async killEverything(poisonPerPhase: number): Promise<void> {
    const phases: Array<{ name: string; kill: () => Promise<void>; start: () => Promise<void> | void }> = [
      ...(['ingest', 'entity', 'sentiment', 'trends', 'alert', 'gateway'] as ServiceName[]).map((name) => {
        const running = this.system.processes.find((p) => p.name === name && p.replica === 0);
        if (!running) throw new Error(`${name} is not running`);
        return { name, kill: () => running.process.kill(), start: () => running.process.start() };
      }),
      { name: 'nats-server', kill: () => this.system.stack.nats.kill(), start: () => this.system.stack.nats.restart() },
      {
        name: 'ferretdb',
        kill: () => this.system.stack.ferretdb.kill(),
        start: () => this.system.stack.ferretdb.restart(),
      },
    ];
    for (const phase of phases) {
      for (let k = 0; k < poisonPerPhase; k += 1) await this.injectPoison();
      await sleep(2_000);
      const killed = performance.now();
      await phase.kill();
      say(`  SIGKILL ${phase.name}`);
      await sleep(this.options.downMs);
      await phase.start();
      await this.allReady();
      this.recovery[phase.name] = elapsed(killed);
      say(`  ${phase.name} back, every service ready ${this.recovery[phase.name]} s after the kill`);
    }
    while (this.poisonInjected < this.options.poison) await this.injectPoison();
  }

  /** Waits until no durable consumer has work left (three polls in a row) and every expected alert arrived. */
  async drain(alertsExpected: number): Promise<void> {
    let deadline = Date.now() + this.options.drainTimeoutS * 1000;
    let least = Infinity;
    let alerts = this.sink.alertIds().size;
    let idle = 0;
    let reported = Date.now();
    while (idle < 3) {
      if (Date.now() > deadline) {
        throw new Error(
          `pipeline made no progress for ${this.options.drainTimeoutS} s: ${JSON.stringify(await this.backlog())}`,
        );
      }
      await sleep(500);
      const backlog = await this.backlog();
      const total = Object.values(backlog).reduce((n, b) => n + b, 0);
      if (total < least || this.sink.alertIds().size > alerts) {
        least = Math.min(least, total);
        alerts = this.sink.alertIds().size;
        deadline = Date.now() + this.options.drainTimeoutS * 1000;
      }
      if (Date.now() - reported > 10_000) {
        reported = Date.now();
        say(`  backlog ${JSON.stringify(backlog)}, alerts received ${this.sink.alertIds().size}/${alertsExpected}`);
      }
      idle = total === 0 && this.sink.alertIds().size >= alertsExpected ? idle + 1 : 0;
    }
    // Late duplicates (a delivery retried after a kill) would arrive within a few retry delays.
    await sleep(5_000);
  }

  /** Pending plus unacknowledged messages per durable consumer. */
  async backlog(): Promise<Record<string, number>> {
    const jsm = await jetstreamManager(this.nc);
    const backlog: Record<string, number> = {};
    for (const c of Object.values(CONSUMER_DEFINITIONS)) {
      const info = await retrying('consumer info', () => jsm.consumers.info(c.stream, c.durable), 30_000);
      backlog[c.durable] = info.num_pending + info.num_ack_pending;
    }
    return backlog;
  }

  async listedUrls(): Promise<string[]> {
    const urls: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = (await this.api(
        `/v1/articles?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )) as ArticleListResponseV1;
      urls.push(...page.articles.map((a) => a.url));
      cursor = page.nextCursor;
    } while (cursor);
    return urls;
  }

  async bucketTotal(now: Date): Promise<number> {
    const day = 24 * HOUR_MS;
    const from = new Date(Math.floor(now.getTime() / day) * day - 2 * day).toISOString();
    const to = new Date(Math.ceil(now.getTime() / day) * day + day).toISOString();
    const series = (await this.api(
      `/v1/topics/${TREND_TOPIC}/trends?interval=day&from=${from}&to=${to}`,
    )) as SeriesTrendResponseV1;
    return series.points.reduce((n, p) => n + p.articles, 0);
  }

  async deadLetters(): Promise<DeadLetterPage['deadLetters']> {
    const letters: DeadLetterPage['deadLetters'] = [];
    let cursor: string | null = null;
    do {
      const page = (await this.api(`/v1/dead-letters?limit=200${cursor ? `&cursor=${cursor}` : ''}`)) as DeadLetterPage;
      letters.push(...page.deadLetters);
      cursor = page.nextCursor;
    } while (cursor);
    return letters;
  }
}

/**
 * Streams articles through the running system (every service a process, loopback only) while it
 * SIGKILLs each service in turn, then nats-server, then FerretDB, and restarts them; injects poison
 * messages and alert-firing articles; then checks through the public interfaces that nothing was
 * lost or counted twice. The last line printed is a one-line JSON summary; exit code 1 on any problem.
 */
export async function runChaos(options: ChaosOptions, mode: 'quick' | 'full'): Promise<ChaosSummary> {
  const started = performance.now();
  say(
    `chaos (${mode}): ${options.articles} articles + ${options.alerts} alert articles, ${options.poison} poison messages; ` +
      `machine: ${cpus().length} cores, load ${loadavg().map(round).join(' ')}`,
  );
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const sink = await WebhookSink.start(secret);
  const system = await LocalSystem.start({
    logLevel: 'warn',
    readyTimeoutMs: 180_000,
    env: {
      TRENDS_WRITE_LOCK: 'nats',
      ALERT_SEED_DEMO_RULES: 'false',
      ALERT_ALLOW_INSECURE_WEBHOOKS: 'true',
      ALERT_DELIVERY_POLL_MS: '200',
      ALERT_DELIVERY_RETRY_BASE_MS: '200',
      ALERT_DELIVERY_RATE_PER_SECOND: '50',
      ALERT_DELIVERY_BURST: '50',
      ALERT_DIGEST_BACKLOG: '1000',
    },
    onProgress: (line) => say(`  ${line.trim()}`),
  });
  const nc = await connect({
    servers: system.stack.nats.url,
    name: 'chaos',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  });
  // Interrupted (Ctrl-C, a CI timeout): stop every process this run started before exiting.
  const interrupted = (signal: NodeJS.Signals) => {
    say(`chaos interrupted (${signal}): stopping the system`);
    void system.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const run = new ChaosRun(system, nc, sink, options);
  const now = new Date();
  try {
    await run.configure(secret);
    const { articles, alertUrls } = chaosArticles(options, now);
    say(`  streaming ${articles.length} articles (${options.batch} per request, ${options.pauseMs} ms apart)...`);
    const sending = run.send(articles);
    const poisonPerPhase = Math.floor(options.poison / 8);
    await Promise.all([sending, sleep(3_000).then(() => run.killEverything(poisonPerPhase))]);
    say(`  sent ${run.sentUrls.length} articles (${run.ingestRetries} ingest requests retried); draining...`);
    await run.drain(options.alerts);
    const alertArticleIds = [...alertUrls].map((url) => run.articleIdByUrl.get(url) ?? `missing:${url}`);
    const summary = chaosVerdict({
      sentUrls: run.sentUrls,
      listedUrls: await run.listedUrls(),
      bucketTotal: await run.bucketTotal(now),
      poisonInjected: run.poisonInjected,
      deadLetters: await run.deadLetters(),
      alertArticleIds,
      deliveredAlerts: sink.received,
      recoverySeconds: run.recovery,
    });
    const report = {
      at: new Date().toISOString(),
      mode,
      options,
      cores: cpus().length,
      loadAverage: loadavg().map(round),
      totalSeconds: elapsed(started),
      ingestRetries: run.ingestRetries,
      webhookRejected: sink.rejected,
      summary,
    };
    const dir = join(repositoryRoot(), 'reports');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `chaos-${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say(`  recovery (s) ${JSON.stringify(run.recovery)}; whole run ${report.totalSeconds} s; report ${file}`);
    say(summary.ok ? 'CHAOS OK: nothing lost, nothing counted twice' : 'CHAOS FAILED:');
    for (const problem of summary.problems) say(`  ${problem}`);
    const { recoverySec: _recovery, problems: _problems, ...line } = summary;
    say(JSON.stringify(line));
    if (!summary.ok) process.exitCode = 1;
    return summary;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await nc.close().catch(() => undefined);
    await system.stop();
    await sink.close();
  }
}
