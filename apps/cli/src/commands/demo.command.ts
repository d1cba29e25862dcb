import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SeriesTrendResponseV1, SourceViewV1, TopTermsResponseV1 } from '@media-monitor/contracts';
import { LocalSystem } from '@media-monitor/local-infra';
import { bundledDemoArticles, sharedSampleArticles } from './demo-articles.js';
import { DemoSite } from './demo-site.js';
import { formatSources, formatTopTerms, formatTrend } from './trend-table.js';

export interface DemoOptions {
  exit: boolean;
  port: number;
  dataDir?: string;
  /** Also load the bundled real feeds and channels (they fail without the network, visibly). */
  realSources: boolean;
}

/** Polls the sources until every demo source has been fetched; timeoutMs in milliseconds. */
async function fetchedDemoSources(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SourceViewV1[]> {
  const deadline = Date.now() + timeoutMs;
  let sources: SourceViewV1[] = [];
  while (Date.now() < deadline) {
    const res = await fetch(url, { headers });
    if (res.ok) {
      sources = ((await res.json()) as { sources: SourceViewV1[] }).sources;
      const demo = sources.filter((s) => s.sourceId.startsWith('demo-') && s.type !== 'push');
      if (demo.length > 0 && demo.every((s) => s.health.lastFetchAt !== null)) return sources;
    }
    await sleep(500);
  }
  return sources;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

async function postJson(url: string, apiKey: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** Polls the trend until its total stops changing (the pipeline has caught up); timeoutMs in milliseconds. */
async function settledTrend(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SeriesTrendResponseV1> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableFor = 0;
  let trend: SeriesTrendResponseV1 | undefined;
  while (Date.now() < deadline) {
    const res = await fetch(url, { headers });
    if (res.ok) {
      trend = (await res.json()) as SeriesTrendResponseV1;
      const total = trend.points.reduce((n, p) => n + p.articles, 0);
      stableFor = total > 0 && total === last ? stableFor + 1 : 0;
      last = total;
      if (stableFor >= 4) return trend;
    }
    await sleep(500);
  }
  if (trend) return trend;
  throw new Error(`no trend from ${url} within ${timeoutMs} ms`);
}

/** Starts everything locally, ingests the demo articles and prints the BARS topic's trend. */
export async function runDemo(options: DemoOptions): Promise<void> {
  say('media-monitor demo: local NATS JetStream + FerretDB + every service, on this machine');
  const started = new Date();
  const site = await DemoSite.start(started);
  const sourcesDir = mkdtempSync(join(tmpdir(), 'media-monitor-demo-sources-'));
  const sourcesFile = join(sourcesDir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify(site.sourcesFile(started, options.realSources), null, 2));
  say(`demo web site (feeds, a news sitemap, a Telegram channel page) at ${site.url}`);
  let system: LocalSystem;
  try {
    system = await LocalSystem.start({
      gatewayPort: options.port,
      logLevel: 'warn',
      onProgress: say,
      dataDir: options.dataDir,
      // The demo site is on 127.0.0.1: the fetcher refuses private addresses unless allowed.
      env: {
        INGEST_SOURCES_FILE: sourcesFile,
        FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.0/8',
        FETCH_TICK_MS: '500',
        FETCH_HOST_DELAY_MS: '0',
      },
    });
  } catch (error) {
    await site.stop();
    rmSync(sourcesDir, { recursive: true, force: true });
    throw error;
  }
  // Ctrl-C stops everything in order (services drain); a second one kills the services at once.
  // Without a handler the second signal would end this process and leave the services running.
  let signals = 0;
  const stopping = new Promise<void>((resolve) => {
    const onSignal = () => {
      signals += 1;
      if (signals === 1) return resolve();
      if (signals === 2) {
        say('stopping at once (SIGKILL to the services) ...');
        void system
          .kill()
          .catch(() => undefined)
          .finally(() => process.exit(130));
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  const show = async (): Promise<void> => {
    const now = new Date();
    const articles = [...bundledDemoArticles(now), ...sharedSampleArticles(now)];
    say();
    say(`ingesting ${articles.length} articles through POST ${system.url('ingest')}/v1/articles ...`);
    const { results } = (await postJson(`${system.url('ingest')}/v1/articles`, system.apiKey, { articles })) as {
      results: Array<{ articleId: string; status: string }>;
    };
    const accepted = results.filter((r) => r.status === 'accepted').length;
    say(`  ${accepted} accepted, ${results.length - accepted} duplicate(s) recognised`);
    const gateway = system.url('gateway');
    const trendUrl = `${gateway}/v1/topics/bars/trends?interval=hour`;
    const auth = { 'x-api-key': system.apiKey };
    say();
    say('fetching the demo sources (RSS, Atom, a sitemap index with a news sitemap, a Telegram channel page) ...');
    const sources = await fetchedDemoSources(`${gateway}/v1/sources`, auth, 60_000);
    say(formatSources(sources));
    say();
    say('waiting for entity, sentiment and trends to process them ...');
    const trend = await settledTrend(trendUrl, auth, 60_000);
    say();
    say(`Topic "bars" (Regional defence units (BARS)), last 24 hours:`);
    say(formatTrend(trend));
    const topUrl = `${gateway}/v1/topics/bars/top?limit=5`;
    const top = await fetch(topUrl, { headers: auth });
    if (top.ok) say(formatTopTerms((await top.json()) as TopTermsResponseV1));
    say();
    say(`Gateway: ${gateway}`);
    // The key travels in the fragment, which the browser never sends: the app keeps it for the tab.
    say(`Dashboard: ${gateway}/app/#key=${system.apiKey}`);
    say(`API docs: ${gateway}/docs   admin API key for this run: ${system.apiKey}`);
    const curl = (path: string) => say(`  curl -H 'X-API-Key: ${system.apiKey}' '${gateway}${path}'`);
    curl('/v1/topics/bars/trends?interval=hour');
    curl('/v1/sources');
    curl('/v1/topics/bars/top?limit=5');
    curl('/v1/entities/unit:bars-kaliningrad/trends?interval=day&tz=Europe/Kaliningrad&format=csv');
    say(`Logs and data: ${system.stack.dataDir}`);
    if (!options.exit) {
      say();
      say('Running. Press Ctrl-C to stop (twice: without waiting for the services to drain).');
      await stopping;
    }
  };
  try {
    // A signal while the demo is still setting up stops it there too.
    const shown = show();
    shown.catch(() => undefined);
    await Promise.race([shown, stopping]);
  } finally {
    say('stopping services (draining consumers) ...');
    await system.stop();
    await site.stop();
    rmSync(sourcesDir, { recursive: true, force: true });
  }
}
