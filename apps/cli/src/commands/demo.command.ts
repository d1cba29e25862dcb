import { setTimeout as sleep } from 'node:timers/promises';
import type { SeriesTrendResponseV1, TopTermsResponseV1 } from '@media-monitor/contracts';
import { LocalSystem } from '@media-monitor/local-infra';
import { bundledDemoArticles, sharedSampleArticles } from './demo-articles.js';
import { formatTopTerms, formatTrend } from './trend-table.js';

export interface DemoOptions {
  exit: boolean;
  port: number;
  dataDir?: string;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
  const system = await LocalSystem.start({
    gatewayPort: options.port,
    logLevel: 'warn',
    onProgress: say,
    dataDir: options.dataDir,
  });
  const stopping = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  try {
    const now = new Date();
    const articles = [...bundledDemoArticles(now), ...sharedSampleArticles(now)];
    say();
    say(`ingesting ${articles.length} articles through POST ${system.url('ingest')}/v1/articles ...`);
    const { results } = (await postJson(`${system.url('ingest')}/v1/articles`, { articles })) as {
      results: Array<{ articleId: string; status: string }>;
    };
    const accepted = results.filter((r) => r.status === 'accepted').length;
    say(`  ${accepted} accepted, ${results.length - accepted} duplicate(s) recognised`);
    const gateway = system.url('gateway');
    const trendUrl = `${gateway}/v1/topics/bars/trends?interval=hour`;
    say();
    say('waiting for entity, sentiment and trends to process them ...');
    const auth = { 'x-api-key': system.apiKey };
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
    curl('/v1/topics/bars/top?limit=5');
    curl('/v1/entities/unit:bars-kaliningrad/trends?interval=day&tz=Europe/Kaliningrad&format=csv');
    say(`Logs and data: ${system.stack.dataDir}`);
    if (!options.exit) {
      say();
      say('Running. Press Ctrl-C to stop.');
      await stopping;
    }
  } finally {
    say('stopping services (draining consumers) ...');
    await system.stop();
  }
}
