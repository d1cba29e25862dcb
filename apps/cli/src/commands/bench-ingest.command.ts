import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { LocalSystem, repositoryRoot } from '@media-monitor/local-infra';
import { mixArticle } from './bench-mix.js';
import { childrenOf, procSample } from './bench-proc.js';

export interface BenchIngestOptions {
  articles: number;
  /** Articles per POST. */
  batch: number;
  /** POSTs in flight at once. */
  parallel: number;
  out: string;
}

/** Row counters of every table of the store's PostgreSQL (FerretDB keeps one table per collection). */
type TableCounters = Map<string, { reads: number; inserted: number; updated: number; deleted: number }>;

const TABLE_STATS =
  "select relname || ' ' || coalesce(seq_scan, 0) + coalesce(idx_scan, 0) || ' ' || n_tup_ins || ' ' || n_tup_upd || ' ' || n_tup_del " +
  "from pg_stat_user_tables where schemaname = 'media_ingest'";

function tableCounters(system: LocalSystem): TableCounters | undefined {
  const postgres = system.stack.ferretdb.postgres;
  if (!postgres) return undefined;
  const rows = postgres.psql(`select pg_stat_force_next_flush(); ${TABLE_STATS}`);
  const counters: TableCounters = new Map();
  for (const line of rows.split('\n')) {
    const [table, reads, inserted, updated, deleted] = line.trim().split(' ');
    if (!table || deleted === undefined) continue;
    // FerretDB names a collection's table `<collection>_<hash>`.
    counters.set(table.replace(/_[0-9a-f]{8}$/, ''), {
      reads: Number(reads),
      inserted: Number(inserted),
      updated: Number(updated),
      deleted: Number(deleted),
    });
  }
  return counters;
}

function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (procSample(pid)?.cpuSeconds ?? 0), 0);
}

/**
 * Ingest alone: the benchmark's article mix posted through `POST /v1/articles` to one ingest
 * process on real NATS and FerretDB (PostgreSQL backend), no consumers. Prints articles per second,
 * CPU milliseconds per article of ingest, FerretDB and PostgreSQL, and the rows each collection
 * read and wrote per article (PostgreSQL's table statistics), so a change to ingest's store
 * traffic shows in figures that depend less on what else the machine runs than throughput does.
 */
export async function runBenchIngest(options: BenchIngestOptions): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`bench ingest: ${options.articles} articles, ${options.batch} per POST, ${options.parallel} POSTs at a time`);
  say(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const system = await LocalSystem.start({
    services: ['ingest'],
    logLevel: 'warn',
    onProgress: say,
    // A benchmark measures the pipeline, not the per-key limit of the push API.
    env: { RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  try {
    const ingest = system.services.get('ingest')!;
    const pids = {
      ingest: [ingest.process.pid].filter((pid): pid is number => pid !== undefined),
      ferretdb: [system.stack.ferretdb.pid].filter((pid): pid is number => pid !== undefined),
      postgresql: (() => {
        const pg = system.stack.ferretdb.postgres?.pid;
        return pg ? [pg, ...childrenOf(pg)] : [];
      })(),
    };
    const now = new Date();
    const runId = `bi${Date.now().toString(36)}`;
    const batches: unknown[][] = [];
    for (let i = 0; i < options.articles; i += options.batch)
      batches.push(
        Array.from(
          { length: Math.min(options.batch, options.articles - i) },
          (_, k) => mixArticle(runId, i + k, now).article,
        ),
      );
    const before = tableCounters(system);
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, cpuSeconds(list)]));
    const started = performance.now();
    let next = 0;
    let posted = 0;
    let duplicates = 0;
    await Promise.all(
      Array.from({ length: options.parallel }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const response = await fetch(`${ingest.url}/v1/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': system.apiKey },
            body: JSON.stringify({ articles: batch }),
            signal: AbortSignal.timeout(600_000),
          });
          const body = (await response.json()) as { results?: Array<{ status: string }> };
          if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${JSON.stringify(body)}`);
          posted += batch.length;
          duplicates += (body.results ?? []).filter((r) => r.status === 'duplicate').length;
          if (next % 4 === 0) say(`  posted ${posted}/${options.articles}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // PostgreSQL's backends flush their statistics
    // Each backend's CPU also holds PostgreSQL's background work of the run.
    const cpuMsPerArticle = Object.fromEntries(
      Object.entries(pids).map(([name, list]) => [
        name,
        Math.round(((cpuSeconds(list) - cpuBefore[name]!) * 100_000) / options.articles) / 100,
      ]),
    );
    const after = tableCounters(system);
    const perArticle = (n: number) => Math.round((n * 100) / options.articles) / 100;
    const collections =
      before && after
        ? Object.fromEntries(
            [...after].map(([table, a]) => {
              const b = before.get(table) ?? { reads: 0, inserted: 0, updated: 0, deleted: 0 };
              return [
                table,
                {
                  reads: perArticle(a.reads - b.reads),
                  inserted: perArticle(a.inserted - b.inserted),
                  updated: perArticle(a.updated - b.updated),
                  deleted: perArticle(a.deleted - b.deleted),
                },
              ];
            }),
          )
        : undefined;
    say('rows per article (scans, inserted, updated, deleted):');
    for (const [table, c] of Object.entries(collections ?? {}).filter(
      ([, c]) => c.reads + c.inserted + c.updated + c.deleted > 0,
    ))
      say(`  ${table.padEnd(22)} ${c.reads} ${c.inserted} ${c.updated} ${c.deleted}`);
    const summary = {
      articlesPerSec: Math.round((options.articles / seconds) * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      duplicates,
      cpuMsPerArticle,
      loadAverage: loadavg()[0],
    };
    const dir = join(repositoryRoot(), options.out);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ options, summary, collections }, null, 2)}\n`);
    say(`report: ${file}`);
    say(JSON.stringify(summary));
  } finally {
    await system.stop();
  }
}
