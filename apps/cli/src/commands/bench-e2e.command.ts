import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CONSUMER_DEFINITIONS, SUBJECTS } from '@media-monitor/contracts';
import { LocalSystem, repositoryRoot } from '@media-monitor/local-infra';
import { DEFAULT_MIX, PRIORITY_SOURCE, mixArticle } from './bench-mix.js';
import { renderChart } from './bench-chart.js';
import { procSample, processIdsOf } from './bench-proc.js';
import { closedLoopLoad, percentileOf } from './http-load.js';

export interface BenchE2eOptions {
  quick: boolean;
  /** Posts of the throughput phase (duplicates included). */
  articles: number;
  /** Seconds of the half-load latency phase. */
  latencySeconds: number;
  /** Seconds of the gateway trend query load. */
  querySeconds: number;
  connections: number;
  batch: number;
  /** Concurrent POSTs in the throughput phase. */
  parallelPosts: number;
  /** Pipeline consumers' CONSUMER_CONCURRENCY (default: the services' own). */
  concurrency?: number;
  out: string;
}

export const QUICK: Pick<BenchE2eOptions, 'articles' | 'latencySeconds' | 'querySeconds'> = {
  articles: 3_000,
  latencySeconds: 30,
  querySeconds: 10,
};
export const FULL: Pick<BenchE2eOptions, 'articles' | 'latencySeconds' | 'querySeconds'> = {
  articles: 20_000,
  latencySeconds: 120,
  querySeconds: 30,
};

const say = (line = '') => process.stdout.write(`${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(values: readonly number[], p: number): number | null {
  return values.length === 0
    ? null
    : percentileOf(
        [...values].sort((a, b) => a - b),
        p,
      );
}

const summary = (values: readonly number[]) => ({
  count: values.length,
  p50: percentile(values, 50),
  p90: percentile(values, 90),
  p99: percentile(values, 99),
  max: values.length ? Math.max(...values) : null,
});

interface Sample {
  t: number;
  /** Pending plus unacknowledged messages over every durable consumer. */
  lag: number;
  lagByConsumer: Record<string, number>;
  analyzedTotal: number;
  processes: Record<string, { cpuSeconds: number; rssMb: number }>;
}

/** Samples consumer lag, CPU and RSS once a second while the benchmark runs. */
class Sampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  constructor(
    private readonly jsm: JetStreamManager,
    private readonly pids: () => Record<string, number[]>,
    private readonly analyzed: () => number,
    private readonly t0: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const lagByConsumer: Record<string, number> = {};
      for (const c of Object.values(CONSUMER_DEFINITIONS)) {
        try {
          const info = await this.jsm.consumers.info(c.stream, c.durable);
          lagByConsumer[c.durable] = info.num_pending + info.num_ack_pending;
        } catch {
          // a consumer not provisioned (yet)
        }
      }
      const processes: Sample['processes'] = {};
      for (const [name, pids] of Object.entries(this.pids())) {
        let cpuSeconds = 0;
        let rssMb = 0;
        for (const pid of pids) {
          const s = procSample(pid);
          if (s) {
            cpuSeconds += s.cpuSeconds;
            rssMb += s.rssMb;
          }
        }
        processes[name] = { cpuSeconds, rssMb };
      }
      this.samples.push({
        t: (performance.now() - this.t0) / 1000,
        lag: Object.values(lagByConsumer).reduce((a, b) => a + b, 0),
        lagByConsumer,
        analyzedTotal: this.analyzed(),
        processes,
      });
    } finally {
      this.busy = false;
    }
  }
}

/** A local HTTP endpoint standing in for a webhook receiver: records when each alert's articles arrive. */
async function webhookSink(
  onAlert: (articleIds: string[], at: number) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const at = performance.now();
      try {
        const payload = JSON.parse(body) as {
          data?: { articleIds?: string[]; alerts?: Array<{ articleIds?: string[] }> };
        };
        const ids = [
          ...(payload.data?.articleIds ?? []),
          ...(payload.data?.alerts ?? []).flatMap((a) => a.articleIds ?? []),
        ];
        onAlert(ids, at);
      } catch {
        // not JSON: counted as nothing
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/hook` };
}

async function api(method: string, url: string, apiKey: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: { 'x-api-key': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

interface Posted {
  articleId: string;
  at: number;
  alert: boolean;
  /** Ingest's story: instant rules alert once per story (the first matching copy's article). */
  storyId: string;
}

/**
 * The alerts the run should see: one per story among the articles that fire the rule, delivered
 * when the sink got any of that story's articles; latency from the story's first post.
 */
function alertsByStory(posted: readonly Posted[], alertAt: ReadonlyMap<string, number>) {
  const stories = new Map<string, Posted[]>();
  for (const p of posted.filter((q) => q.alert)) stories.set(p.storyId, [...(stories.get(p.storyId) ?? []), p]);
  return [...stories.values()].map((members) => {
    const delivered = members.map((m) => alertAt.get(m.articleId)).filter((t): t is number => t !== undefined);
    const first = Math.min(...members.map((m) => m.at));
    return { delivered: delivered.length > 0, latencyMs: delivered.length > 0 ? Math.min(...delivered) - first : NaN };
  });
}

/** One POST /v1/articles; the accepted articles with the time the request was sent. */
async function postBatch(
  url: string,
  apiKey: string,
  batch: Array<ReturnType<typeof mixArticle>>,
): Promise<{ accepted: Posted[]; duplicates: number }> {
  const at = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ articles: batch.map((b) => b.article) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  const { results } = JSON.parse(text) as { results: Array<{ articleId: string; status: string; storyId?: string }> };
  const accepted: Posted[] = [];
  results.forEach((r, i) => {
    if (r.status === 'accepted')
      accepted.push({ articleId: r.articleId, at, alert: batch[i]?.alert ?? false, storyId: r.storyId ?? r.articleId });
  });
  return { accepted, duplicates: results.length - accepted.length };
}

/** The in-process analysis ceiling: the services' analysis code on the same articles, no I/O. */
async function analysisCeiling(
  articles: Array<ReturnType<typeof mixArticle>>,
): Promise<{ entityMsPerArticle: number; toneMsPerArticle: number; cores: number; articlesPerSec: number }> {
  const root = repositoryRoot();
  const dir = mkdtempSync(join(tmpdir(), 'media-monitor-ceiling-'));
  const run = (script: string, args: string[]) =>
    new Promise<{ perArticleMs: number }>((resolve, reject) => {
      const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as { perArticleMs: number })
          : reject(new Error(`${script} exited with ${code}`)),
      );
    });
  try {
    const input = join(dir, 'articles.json');
    const analyses = join(dir, 'analyses.json');
    writeFileSync(
      input,
      JSON.stringify(articles.filter((a) => !a.duplicate).map((a) => ({ ...a.article, language: a.article.language }))),
    );
    const entity = await run(join(root, 'apps', 'entity', 'dist', 'bench', 'analysis-ceiling.js'), [input, analyses]);
    const tone = await run(join(root, 'apps', 'sentiment', 'dist', 'bench', 'tone-ceiling.js'), [analyses]);
    const cores = cpus().length;
    return {
      entityMsPerArticle: round(entity.perArticleMs, 3),
      toneMsPerArticle: round(tone.perArticleMs, 3),
      cores,
      // Both halves on every core, nothing else: CPU time per article divided among the cores.
      articlesPerSec: round((1000 * cores) / (entity.perArticleMs + tone.perArticleMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until every accepted article of the phase was announced as analysed; timeoutMs in milliseconds. */
async function drained(ids: readonly Posted[], analyzedAt: Map<string, number>, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const missing = ids.filter((p) => !analyzedAt.has(p.articleId)).length;
    if (missing === 0) return performance.now();
    if (performance.now() > deadline) throw new Error(`${missing} articles not analysed after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function trendQueryLoad(
  gateway: string,
  apiKey: string,
  connections: number,
  seconds: number,
): Promise<{ requests: number; non2xx: number; errors: number; p50: number; p99: number; max: number }> {
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const path = `/v1/topics/bars/trends?interval=hour&from=${from.toISOString()}&to=${to.toISOString()}`;
  await api('GET', `${gateway}${path}`, apiKey);
  const result = await closedLoopLoad({
    origin: gateway,
    connections,
    seconds,
    path: () => path,
    // as the dashboard's browser asks
    headers: { 'x-api-key': apiKey, 'accept-encoding': 'gzip, deflate, br' },
  });
  return {
    requests: result.requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: result.latencyMs.p50,
    p99: result.latencyMs.p99,
    max: result.latencyMs.max,
  };
}

/**
 * `media-monitor bench e2e` (`npm run bench`): the whole system on this machine (NATS JetStream,
 * FerretDB on its private PostgreSQL, every service as its own process) driven through the public
 * ingest API: sustained throughput, ingest→trend-visible and ingest→alert-delivered latency at half
 * that load, gateway trend query latency under concurrent clients, per-process CPU and peak RSS,
 * consumer lag over time, and the in-process analysis ceiling. Writes a JSON report and an SVG
 * chart; the last line printed is a one-line JSON summary.
 */
export async function runBenchE2e(options: BenchE2eOptions): Promise<void> {
  const started = performance.now();
  const runId = randomBytes(3).toString('hex');
  const now = new Date();
  say(`bench e2e (${options.quick ? 'quick' : 'full'}): ${options.articles} posts, run ${runId}`);
  say(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((n) => round(n, 2))
      .join(' ')}`,
  );
  const mix = Array.from({ length: options.articles }, (_, i) => mixArticle(runId, i, now));

  say('[1/5] in-process analysis ceiling (entity + tone code, no I/O)...');
  const ceiling = await analysisCeiling(mix);
  say(
    `  entity ${ceiling.entityMsPerArticle} ms + tone ${ceiling.toneMsPerArticle} ms CPU per article: ` +
      `${ceiling.articlesPerSec} articles/s on ${ceiling.cores} cores`,
  );

  say('[2/5] starting NATS, FerretDB and the services...');
  const analyzedAt = new Map<string, number>();
  const alertAt = new Map<string, number>();
  const sink = await webhookSink((ids, at) => {
    for (const id of ids) if (!alertAt.has(id)) alertAt.set(id, at);
  });
  let system: LocalSystem | undefined;
  let nc: NatsConnection | undefined;
  let sampler: Sampler | undefined;
  // Ctrl-C stops what the benchmark started before exiting (nothing is left running).
  const interrupt = () => {
    say('interrupted: stopping the services...');
    void (system?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    system = await LocalSystem.start({
      logLevel: 'warn',
      readyTimeoutMs: 180_000,
      onProgress: (line) => say(`  ${line.trim()}`),
      env: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        // The gateway's trend answer cache, as measured (its default since ADR 0012).
        TREND_CACHE_MS: '1000',
        ALERT_ALLOW_INSECURE_WEBHOOKS: 'true',
        ALERT_SEED_DEMO_RULES: 'false',
        ALERT_DELIVERY_POLL_MS: '50',
        ALERT_DELIVERY_RATE_PER_SECOND: '100',
        ALERT_DELIVERY_BURST: '100',
        ALERT_DIGEST_BACKLOG: '1000',
        ...(options.concurrency ? { CONSUMER_CONCURRENCY: String(options.concurrency) } : {}),
      },
    });
    const running = system;
    const gateway = system.url('gateway');
    const ingestUrl = `${system.url('ingest')}/v1/articles`;
    const apiKey = system.apiKey;
    await api('PUT', `${gateway}/v1/alert-destinations/bench-sink`, system.apiKey, {
      name: 'benchmark webhook sink',
      type: 'webhook',
      url: sink.url,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    });
    await api('PUT', `${gateway}/v1/alert-rules/bench-priority`, system.apiKey, {
      name: 'every BARS article from the priority source',
      kind: 'instant-match',
      scope: { type: 'topic', id: 'bars' },
      sourceIds: [PRIORITY_SOURCE],
      destinationIds: ['bench-sink'],
    });
    nc = await connect({ servers: system.stack.nats.url, name: 'bench-e2e' });
    const jsm = await jetstreamManager(nc);
    const subscription = nc.subscribe(SUBJECTS.articleAnalyzedV1);
    void (async () => {
      for await (const msg of subscription) {
        try {
          const { articleId } = msg.json<{ articleId: string }>();
          if (!analyzedAt.has(articleId)) analyzedAt.set(articleId, performance.now());
        } catch {
          // not an event of ours
        }
      }
    })();
    await nc.flush();
    const t0 = performance.now();
    sampler = new Sampler(
      jsm,
      () => processIdsOf(running),
      () => analyzedAt.size,
      t0,
    );
    sampler.start();

    say(
      `[3/5] throughput: ${options.articles} posts (${options.batch} per POST, ${options.parallelPosts} at a time)...`,
    );
    const phase1Start = performance.now();
    const accepted1: Posted[] = [];
    let duplicates1 = 0;
    let next = 0;
    let lastReport = performance.now();
    await Promise.all(
      Array.from({ length: options.parallelPosts }, async () => {
        while (next < mix.length) {
          const batch = mix.slice(next, next + options.batch);
          next += options.batch;
          const r = await postBatch(ingestUrl, apiKey, batch);
          accepted1.push(...r.accepted);
          duplicates1 += r.duplicates;
          if (performance.now() - lastReport > 2000) {
            lastReport = performance.now();
            say(
              `  posted ${next}/${mix.length}, analysed ${analyzedAt.size}, lag ${sampler?.samples.at(-1)?.lag ?? '?'}`,
            );
          }
        }
      }),
    );
    const postedIn = (performance.now() - phase1Start) / 1000;
    say(
      `  all posted in ${round(postedIn)} s (${round(accepted1.length / postedIn)} accepted/s); waiting for the pipeline...`,
    );
    const progress = setInterval(
      () => say(`  analysed ${accepted1.filter((p) => analyzedAt.has(p.articleId)).length}/${accepted1.length}`),
      5000,
    );
    let phase1End: number;
    try {
      phase1End = await drained(accepted1, analyzedAt, 30 * 60_000);
    } finally {
      clearInterval(progress);
    }
    const throughputSeconds = (phase1End - phase1Start) / 1000;
    const articlesPerSec = round(accepted1.length / throughputSeconds);
    say(`  ${accepted1.length} articles analysed in ${round(throughputSeconds)} s: ${articlesPerSec} articles/s`);

    const halfRate = Math.max(1, articlesPerSec / 2);
    say(`[4/5] latency at half load: ${round(halfRate)} posts/s for ${options.latencySeconds} s...`);
    const phase2Start = performance.now();
    const accepted2: Posted[] = [];
    const tickMs = 100;
    let sent = 0;
    let i2 = options.articles;
    const pending: Array<Promise<void>> = [];
    while (performance.now() - phase2Start < options.latencySeconds * 1000) {
      const due = Math.floor(((performance.now() - phase2Start) / 1000) * halfRate);
      if (due > sent) {
        const batch = Array.from({ length: due - sent }, () => mixArticle(runId, i2++, now));
        sent = due;
        pending.push(postBatch(ingestUrl, apiKey, batch).then((r) => void accepted2.push(...r.accepted)));
      }
      if (
        Math.floor((performance.now() - phase2Start) / 5000) >
        Math.floor((performance.now() - phase2Start - tickMs) / 5000)
      ) {
        say(
          `  posted ${sent}, analysed ${accepted2.filter((p) => analyzedAt.has(p.articleId)).length}/${accepted2.length}`,
        );
      }
      await sleep(tickMs);
    }
    await Promise.all(pending);
    await drained(accepted2, analyzedAt, 10 * 60_000);
    const alertDeadline = performance.now() + 60_000;
    while (
      alertsByStory([...accepted1, ...accepted2], alertAt).some((a) => !a.delivered) &&
      performance.now() < alertDeadline
    )
      await sleep(200);
    const trendLatency = accepted2.map((p) => (analyzedAt.get(p.articleId) ?? NaN) - p.at).filter(Number.isFinite);
    const alertLatency = alertsByStory(accepted2, alertAt)
      .map((a) => a.latencyMs)
      .filter(Number.isFinite);
    const trend = summary(trendLatency.map((n) => round(n)));
    const alerts = summary(alertLatency.map((n) => round(n)));
    say(`  ingest→trend-visible (${trend.count}): p50 ${trend.p50} ms, p99 ${trend.p99} ms, max ${trend.max} ms`);
    say(`  ingest→alert delivered (${alerts.count}): p50 ${alerts.p50} ms, p99 ${alerts.p99} ms`);
    const expectedAlerts = alertsByStory([...accepted1, ...accepted2], alertAt);
    const missingAlerts = expectedAlerts.filter((a) => !a.delivered).length;
    say(
      `  alerts: ${expectedAlerts.length - missingAlerts} of ${expectedAlerts.length} expected (one per story) delivered`,
    );
    if (missingAlerts > 0) say(`  WARNING: ${missingAlerts} expected alerts did not reach the sink within 60 s`);

    say(
      `[5/5] gateway: 30-day hourly trend of topic bars, ${options.connections} clients for ${options.querySeconds} s...`,
    );
    const query = await trendQueryLoad(gateway, system.apiKey, options.connections, options.querySeconds);
    say(`  ${query.requests} requests, p50 ${query.p50} ms, p99 ${query.p99} ms, non-2xx ${query.non2xx}`);
    sampler.stop();
    await sleep(1100);

    const samples = sampler.samples;
    const processes: Record<string, { peakRssMb: number; cpuSeconds: number; cpuShare: number }> = {};
    const span = (samples.at(-1)?.t ?? 1) - (samples[0]?.t ?? 0) || 1;
    for (const name of Object.keys(samples.at(-1)?.processes ?? {})) {
      const series = samples.map((s) => s.processes[name]).filter((p) => p !== undefined);
      const cpu = (series.at(-1)?.cpuSeconds ?? 0) - (series[0]?.cpuSeconds ?? 0);
      processes[name] = {
        peakRssMb: round(Math.max(...series.map((p) => p.rssMb))),
        cpuSeconds: round(cpu),
        cpuShare: round(cpu / span, 2),
      };
    }
    const serviceNames = running.processes.map((p) => `${p.name}${p.replica ? `-${p.replica}` : ''}`);
    const maxServiceRssMb = Math.max(...serviceNames.map((n) => processes[n]?.peakRssMb ?? 0));
    const summaryLine = {
      articlesPerSec,
      p99IngestToTrendMs: trend.p99,
      p99IngestToAlertMs: alerts.p99,
      ceilingArticlesPerSec: ceiling.articlesPerSec,
      maxServiceRssMb,
      gatewayTrendP99Ms: query.p99,
      throughputShareOfCeiling: round(articlesPerSec / ceiling.articlesPerSec, 3),
      mode: options.quick ? 'quick' : 'full',
      ferretdbBackend: system.stack.ferretdb.backend,
    };
    const report = {
      benchmark: 'e2e',
      at: new Date().toISOString(),
      options,
      machine: { cores: cpus().length, model: cpus()[0]?.model, loadAverageAtEnd: loadavg().map((n) => round(n, 2)) },
      ferretdbBackend: system.stack.ferretdb.backend,
      mix: DEFAULT_MIX,
      ceiling,
      throughput: {
        posts: options.articles,
        accepted: accepted1.length,
        duplicates: duplicates1,
        postedSeconds: round(postedIn, 2),
        seconds: round(throughputSeconds, 2),
        articlesPerSec,
      },
      latency: {
        ratePerSec: round(halfRate),
        seconds: options.latencySeconds,
        ingestToTrendMs: trend,
        ingestToAlertMs: alerts,
      },
      alerts: { expected: expectedAlerts.length, delivered: expectedAlerts.length - missingAlerts, perStory: true },
      gatewayTrendQuery: {
        connections: options.connections,
        seconds: options.querySeconds,
        storedArticles: analyzedAt.size,
        ...query,
      },
      processes,
      samples,
      summary: summaryLine,
      wallSeconds: round((performance.now() - started) / 1000),
    };
    const out = join(repositoryRoot(), options.out);
    mkdirSync(out, { recursive: true });
    const stamp = report.at.replace(/[:.]/g, '-');
    const jsonFile = join(out, `bench-e2e-${stamp}.json`);
    const svgFile = join(out, `bench-e2e-${stamp}.svg`);
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(svgFile, renderChart(samples, serviceNames, `bench e2e ${report.at} (${summaryLine.mode})`));
    say();
    for (const [name, p] of Object.entries(processes)) {
      say(
        `  ${name.padEnd(12)} peak RSS ${String(p.peakRssMb).padStart(7)} MB, CPU ${String(p.cpuShare).padStart(5)} cores`,
      );
    }
    say(`report: ${jsonFile}`);
    say(`chart: ${svgFile}`);
    say(JSON.stringify(summaryLine));
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    sampler?.stop();
    await nc?.close().catch(() => undefined);
    await system?.stop();
    await new Promise<void>((done) => sink.server.close(() => done()));
  }
}
