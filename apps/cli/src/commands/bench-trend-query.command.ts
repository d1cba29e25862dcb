import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { LocalSystem, repositoryRoot } from '@media-monitor/local-infra';
import { cpuSecondsOf, processIdsOf } from './bench-proc.js';
import { closedLoopLoad, percentileOf, type LatencySummary } from './http-load.js';

export interface BenchTrendQueryOptions {
  /** Stored articles per level, e.g. 10 000, 100 000, 1 000 000. */
  levels: number[];
  connections: number;
  seconds: number;
  /** Days the stored articles cover (the query reads the last 30). */
  days: number;
  /** Run FerretDB on this PostgreSQL database instead of a private cluster (or SQLite: FERRETDB_BACKEND). */
  postgresql?: string;
  /** The load clients' Accept-Encoding, as a browser sends it; empty for none. */
  acceptEncoding: string;
  /** Start the load with nothing cached; otherwise every series is asked once, concurrently, just before. */
  cold: boolean;
  /** The gateway's TREND_CACHE_MS. */
  cacheMs: number;
  /** Processes building and inserting the stored buckets at once (each takes every n-th day). */
  loaders: number;
  /** VACUUM (ANALYZE) the private PostgreSQL after loading, as after any bulk load. */
  vacuum: boolean;
}

interface LevelResult {
  articles: number;
  /** FerretDB's backend in this run. */
  backend: string;
  buckets: number;
  loadSeconds: number;
  /** Seconds of VACUUM (ANALYZE) after the load; null when not run (see `vacuum`). */
  vacuumSeconds: number | null;
  /** The first round, one request at a time: each series' first, uncached answer. */
  firstMs: { p50: number; max: number };
  /**
   * One request at a time, after the first round: latency without queueing; from the gateway's
   * cache when the first round took less than the cache's life (TREND_CACHE_MS + 4 s stale).
   */
  sequentialMs: { p50: number; max: number };
  sequentialStatuses: Record<string, number>;
  /** The concurrent warm-up just before the load (absent with --cold): every series at once. */
  warmUpMs: number | null;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Mean encoded body size of the load's answers. */
  meanBodyBytes: number;
  latencyMs: LatencySummary;
  /** Cores each process used during the load on average (`bench` is the load client itself). */
  coresDuringLoad: Record<string, number>;
  /** The gateway's CPU per answered request during the load. */
  gatewayCpuMsPerRequest: number;
  /** The machine's 1, 5 and 15 minute load averages at the end of the load. */
  loadAverage: number[];
}

const say = (line = '') => process.stdout.write(`${line}\n`);
/** The corpus ends here, so every run stores and asks for the same buckets. */
const END = new Date('2026-11-30T00:00:00.000Z');
const TOPICS = 10;

/** One run of the loader script: the indexes, or one part of the corpus's days. */
function runLoader(args: string[]): Promise<{ articles: number; buckets: number; seconds: number }> {
  const script = join(repositoryRoot(), 'apps', 'trends', 'dist', 'bench', 'load-buckets.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load-buckets ${args.at(-1)} exited with ${code}`));
      resolve(
        JSON.parse(out.trim().split('\n').pop() ?? '{}') as { articles: number; buckets: number; seconds: number },
      );
    });
  });
}

/**
 * Stores the buckets of `articles` synthetic articles: the indexes first, then `loaders` processes
 * at once, each building and inserting its share of the days one day at a time.
 */
async function loadBuckets(
  mongoUri: string,
  database: string,
  articles: number,
  days: number,
  loaders: number,
): Promise<{ buckets: number; seconds: number }> {
  const started = performance.now();
  const args = [mongoUri, database, String(articles), END.toISOString(), String(days)];
  await runLoader([...args, 'indexes']);
  const parts = await Promise.all(Array.from({ length: loaders }, (_, k) => runLoader([...args, `${k}/${loaders}`])));
  const stored = parts.reduce((sum, p) => sum + p.articles, 0);
  if (stored !== articles) throw new Error(`the loaders built ${stored} articles, not ${articles}`);
  return { buckets: parts.reduce((sum, p) => sum + p.buckets, 0), seconds: (performance.now() - started) / 1000 };
}

const trendPath = (topic: number) =>
  `/v1/topics/topic-${topic}/trends?interval=hour&from=${new Date(END.getTime() - 30 * 86_400_000).toISOString()}&to=${END.toISOString()}`;

/**
 * What a database administrator runs after a bulk load: VACUUM (ANALYZE) of the private
 * PostgreSQL's database, so that autovacuum does not take it up during the measured load (it
 * scanned the freshly filled tables at half a core during a 1 000 000 level's load). Returns its
 * seconds, or null where FerretDB does not run on the private cluster (SQLite, --postgresql).
 */
function vacuum(system: LocalSystem): number | null {
  const postgres = system.stack.ferretdb.postgres;
  if (!postgres || system.stack.ferretdb.backend !== 'postgresql') return null;
  const started = performance.now();
  postgres.psql('VACUUM (ANALYZE)');
  return (performance.now() - started) / 1000;
}

async function runLevel(articles: number, options: BenchTrendQueryOptions): Promise<LevelResult> {
  say(`\n== ${articles.toLocaleString('en')} stored articles`);
  const system = await LocalSystem.start({
    databasePrefix: `bench${articles}`,
    ...(options.postgresql ? { ferretdbPostgresqlUrl: options.postgresql } : {}),
    logLevel: 'warn',
    // The gateway's trend answer cache at its default (ADR 0012), stated so the figures say what they measured.
    env: { RATE_LIMIT_PER_MINUTE: '1000000', TREND_CACHE_MS: String(options.cacheMs), TREND_CACHE_STALE_MS: '4000' },
    onProgress: (line) => say(line),
  });
  try {
    const loaded = await loadBuckets(
      system.stack.ferretdb.uri,
      `bench${articles}_trends`,
      articles,
      options.days,
      options.loaders,
    );
    say(`loaded ${loaded.buckets.toLocaleString('en')} bucket documents in ${loaded.seconds.toFixed(1)} s`);
    const vacuumSeconds = options.vacuum ? vacuum(system) : null;
    say(
      vacuumSeconds === null
        ? `no VACUUM (${options.vacuum ? 'not on the private PostgreSQL' : '--no-vacuum'})`
        : `VACUUM (ANALYZE) in ${vacuumSeconds.toFixed(1)} s`,
    );
    const headers = { 'x-api-key': system.apiKey };
    const gateway = system.url('gateway');
    const sequential: number[] = [];
    const first: number[] = [];
    const sequentialStatuses: Record<string, number> = {};
    for (let i = 0; i < 2 * TOPICS; i += 1) {
      const started = performance.now();
      const res = await fetch(`${gateway}${trendPath(i % TOPICS)}`, { headers });
      const body = (await res.json()) as { points?: Array<{ articles: number }> };
      const counted = body.points?.reduce((sum, p) => sum + p.articles, 0) ?? 0;
      const outcome =
        res.status === 200 && body.points?.length === 720
          ? `200 (720 points, ${counted > 0 ? 'articles counted' : 'EMPTY'})`
          : String(res.status);
      if (i >= TOPICS) {
        // the first round warms up
        sequential.push(performance.now() - started);
        sequentialStatuses[outcome] = (sequentialStatuses[outcome] ?? 0) + 1;
      } else first.push(performance.now() - started);
    }
    sequential.sort((a, b) => a - b);
    first.sort((a, b) => a - b);
    say(
      `first answers (uncached): p50 ${percentileOf(first, 50).toFixed(1)} ms, max ${(first.at(-1) ?? 0).toFixed(1)} ms`,
    );
    say(
      `sequential: p50 ${percentileOf(sequential, 50).toFixed(1)} ms, max ${(sequential.at(-1) ?? 0).toFixed(1)} ms, ` +
        `answers ${JSON.stringify(sequentialStatuses)}`,
    );
    let warmUpMs: number | null = null;
    if (!options.cold) {
      // Dashboards were open before the measured minute: every series once, at the same time.
      const started = performance.now();
      await Promise.all(
        Array.from({ length: TOPICS }, async (_, i) => (await fetch(`${gateway}${trendPath(i)}`, { headers })).text()),
      );
      warmUpMs = performance.now() - started;
      say(`warm-up: ${TOPICS} series at once in ${warmUpMs.toFixed(0)} ms`);
    }
    const pids = processIdsOf(system);
    const cpuBefore = cpuSecondsOf(pids);
    const benchBefore = process.cpuUsage();
    const loadStarted = performance.now();
    const result = await closedLoopLoad({
      origin: gateway,
      connections: options.connections,
      seconds: options.seconds,
      timeoutMs: 30_000,
      headers: { ...headers, ...(options.acceptEncoding ? { 'accept-encoding': options.acceptEncoding } : {}) },
      path: (n) => trendPath(n % TOPICS),
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const cpuAfter = cpuSecondsOf(pids);
    const bench = process.cpuUsage(benchBefore);
    const cores = (cpuSeconds: number) => Math.round((cpuSeconds / loadSeconds) * 100) / 100;
    const coresDuringLoad: Record<string, number> = { bench: cores((bench.user + bench.system) / 1e6) };
    for (const name of Object.keys(cpuAfter))
      coresDuringLoad[name] = cores((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0));
    if (result.errorSamples.length) say(`errors: ${result.errorSamples.join('; ')}`);
    const level: LevelResult = {
      articles,
      backend: system.stack.ferretdb.backend,
      buckets: loaded.buckets,
      loadSeconds: loaded.seconds,
      vacuumSeconds,
      firstMs: { p50: percentileOf(first, 50), max: first.at(-1) ?? 0 },
      sequentialMs: { p50: percentileOf(sequential, 50), max: sequential.at(-1) ?? 0 },
      sequentialStatuses,
      warmUpMs,
      requests: result.requests,
      requestsPerSecond: result.requestsPerSecond,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      meanBodyBytes: result.requests ? Math.round(result.bodyBytes / result.requests) : 0,
      latencyMs: result.latencyMs,
      coresDuringLoad,
      gatewayCpuMsPerRequest: result.requests
        ? Math.round((((cpuAfter['gateway'] ?? 0) - (cpuBefore['gateway'] ?? 0)) * 1e6) / result.requests) / 1000
        : 0,
      loadAverage: loadavg(),
    };
    say(
      `${options.connections} clients for ${options.seconds} s: ${level.requests} requests (${level.requestsPerSecond.toFixed(1)}/s), ` +
        `p50 ${level.latencyMs.p50} ms, p90 ${level.latencyMs.p90} ms, p99 ${level.latencyMs.p99} ms, ` +
        `non-2xx ${level.non2xx}, errors ${level.errors}, timeouts ${level.timeouts}, ` +
        `load average ${level.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
    );
    say(
      `  ${level.meanBodyBytes.toLocaleString('en')} bytes per answer; gateway ${level.gatewayCpuMsPerRequest} ms CPU per request; ` +
        `cores during the load: ${Object.entries(coresDuringLoad)
          .filter(([, cores]) => cores >= 0.01)
          .map(([name, cores]) => `${name} ${cores}`)
          .join(', ')}`,
    );
    return level;
  } finally {
    if (options.postgresql) await dropDatabases(system.stack.ferretdb.uri, `bench${articles}_`);
    await system.stop();
  }
}

/** Removes the run's databases (on PostgreSQL they outlive FerretDB: schemas in the shared database). */
async function dropDatabases(uri: string, prefix: string): Promise<void> {
  const { default: mongoose } = await import('mongoose');
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const { databases } = await connection.db!.admin().listDatabases();
    for (const db of databases) if (db.name.startsWith(prefix)) await connection.useDb(db.name).dropDatabase();
  } finally {
    await connection.close();
  }
}

/**
 * `media-monitor bench trend-query`: stores the buckets of N analysed articles (bulk-inserted as
 * the write path leaves them, see apps/trends/src/bench), then asks the gateway for 30-day hourly
 * topic trends with many concurrent clients and reports the latency percentiles.
 */
export async function runBenchTrendQuery(options: BenchTrendQueryOptions): Promise<void> {
  const loadAverageAtStart = loadavg();
  const results: LevelResult[] = [];
  for (const articles of options.levels) results.push(await runLevel(articles, options));
  const report = {
    benchmark: 'trend-query',
    query: 'GET /v1/topics/{id}/trends?interval=hour over 30 days (720 points), rotating over 10 topics',
    store: `FerretDB v1.24 (${options.postgresql ? 'the given PostgreSQL' : (results[0]?.backend ?? '?')} backend), one trends process, one gateway process`,
    loading: 'bucket documents bulk-inserted, built by the write path’s own functions (BucketFixture)',
    connections: options.connections,
    client: 'closed loop on undici, each client sending its next request when its answer has arrived (http-load.ts)',
    acceptEncoding: options.acceptEncoding,
    gatewayCache: { TREND_CACHE_MS: options.cacheMs, TREND_CACHE_STALE_MS: 4000, TREND_CACHE_SETTLED_MS: 30_000 },
    cache: options.cold ? 'cold at the start of the load' : 'every series asked once just before the load',
    seconds: options.seconds,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverageAtStart, loadAverageAtEnd: loadavg() },
    finishedAt: new Date().toISOString(),
    levels: results,
  };
  const dir = join(repositoryRoot(), 'reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench-trend-query.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nreport written to ${file}`);
}
