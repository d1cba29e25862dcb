import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess, freePort, repositoryRoot, waitForHttpOk } from '@media-monitor/local-infra';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import type { SourceViewV1 } from '@media-monitor/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayService } from '../gateway.service.js';

const ADMIN_KEY = `mmk_abcdefabcdef_${'C'.repeat(43)}`;

// The sources API end to end: gateway (in this process) -> NATS request-reply -> the ingest service
// (its own process, as deployed) -> FerretDB; ingest fetches a feed from a local web server.
describe('sources through the gateway (real ingest process, NATS, FerretDB)', () => {
  const ns = uniqueNamespace('gws');
  const dir = mkdtempSync(join(tmpdir(), 'gw-sources-'));
  let gateway: RunningService;
  let ingest: ManagedProcess;
  let web: Server;
  let webUrl = '';
  let readKey = '';

  const call = (path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
    fetch(`${gateway.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-api-key': init.key ?? ADMIN_KEY,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  beforeAll(async () => {
    web = createServer((req, res) => {
      if (req.url === '/rss.xml') {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(
            `<rss version="2.0"><channel><title>Local</title><item><title>Volunteers of BARS-Kursk finish training</title>` +
              `<link>https://local-news.example/bars-kursk</link><description>${'The volunteers of the BARS-Kursk battalion finished their training course on Monday, officials said. '.repeat(12)}</description>` +
              `<pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`,
          );
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    const sourcesFile = join(dir, 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify({ sources: [{ sourceId: 'from-config', type: 'push', name: 'Configured push source' }] }),
    );
    const { natsUrl, mongoUri } = testInfra();
    const port = await freePort();
    ingest = new ManagedProcess({
      name: 'ingest',
      command: process.execPath,
      args: [join(repositoryRoot(), 'apps', 'ingest', 'dist', 'main.js')],
      logFile: join(dir, 'ingest.log'),
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        NATS_URL: natsUrl,
        NATS_NAMESPACE: ns.value,
        MONGO_URL: mongoUri,
        MONGO_DB: uniqueDatabaseName('gw_ingest'),
        INGEST_SOURCES_FILE: sourcesFile,
        FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.0/8',
        FETCH_TICK_MS: '100',
        FETCH_HOST_DELAY_MS: '0',
      },
    });
    ingest.start();
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, 60_000);
    gateway = await startServiceInProcess({
      ...gatewayService,
      env: {
        ...serviceTestEnv(ns.value, uniqueDatabaseName('gw')),
        API_BOOTSTRAP_KEY: ADMIN_KEY,
      },
    });
    const created = await call('/v1/api-keys', { method: 'POST', body: { name: 'reader', scopes: ['read'] } });
    readKey = ((await created.json()) as { token: string }).token;
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    await ingest?.stop(10_000);
    await new Promise((resolve) => web.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the sources of the config file, creates one (admin only), and shows its health after fetching', async () => {
    const listed = (await (await call('/v1/sources', { key: readKey })).json()) as { sources: SourceViewV1[] };
    expect(listed.sources).toEqual([
      expect.objectContaining({
        sourceId: 'from-config',
        type: 'push',
        origin: 'config',
        health: expect.objectContaining({ status: 'pending' }),
      }),
    ]);
    const body = {
      type: 'feed',
      name: 'Local feed',
      url: `${webUrl}/rss.xml`,
      fetchArticles: 'never',
      minIntervalSeconds: 600,
    };
    const forbidden = await call('/v1/sources/local-feed', { method: 'PUT', body, key: readKey });
    expect(forbidden.status).toBe(403);
    const created = await call('/v1/sources/local-feed', { method: 'PUT', body });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({
      created: true,
      source: { sourceId: 'local-feed', origin: 'api', enabled: true },
    });
    const fetched = await waitFor(
      async () => {
        const res = await call('/v1/sources/local-feed', { key: readKey });
        const json = (await res.json()) as { source: SourceViewV1; runs: unknown[] };
        // The state, the runs and the item counts are separate reads, each written in turn by the
        // fetch: wait until all three show it (the assertions below then check the values).
        const { health } = json.source;
        return json.runs.length > 0 && health.status !== 'pending' && health.items24h > 0 ? json : undefined;
      },
      { timeoutMs: 20_000, what: 'the first fetch, with its run and its item counted' },
    );
    expect(fetched.source.health).toMatchObject({
      status: 'ok',
      items24h: 1,
      lastOutcome: 'ok',
      lastHttpStatus: 200,
      errorRate24h: 0,
    });
    expect(fetched.runs[0]).toMatchObject({ outcome: 'ok', items: 1, newItems: 1 });
  });

  it('refuses invalid sources with a code, says 404 for unknown ones, deletes', async () => {
    const invalid = await call('/v1/sources/bad', { method: 'PUT', body: { type: 'feed', name: 'No URL' } });
    expect({
      status: invalid.status,
      code: ((await invalid.json()) as { error: { code: string } }).error.code,
    }).toEqual({
      status: 400,
      code: 'gateway.invalid_body',
    });
    const badId = await call('/v1/sources/Not%20A%20Slug', { key: readKey });
    expect(badId.status).toBe(400);
    const missing = await call('/v1/sources/nope', { key: readKey });
    expect({
      status: missing.status,
      code: ((await missing.json()) as { error: { code: string } }).error.code,
    }).toEqual({
      status: 404,
      code: 'ingest.source.not_found',
    });
    expect((await call('/v1/sources/nope/fetch', { method: 'POST' })).status).toBe(404);
    expect((await call('/v1/sources/local-feed/fetch', { method: 'POST' })).status).toBe(202);
    expect((await call('/v1/sources/local-feed', { method: 'DELETE' })).status).toBe(204);
    expect((await call('/v1/sources/local-feed', { method: 'DELETE' })).status).toBe(404);
  });
});
