import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import mongoose, { type Connection } from 'mongoose';
import {
  ArticleIngestedV1,
  CollectionStatusV1,
  STREAM_DEFINITIONS,
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
  type ArticleIngestedV1 as Ingested,
  type CollectionStatusV1 as CollectionStatus,
  type SourceInputV1,
  type SourceViewV1,
} from '@media-monitor/contracts';
import { QueryClient, provisionTopology } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { createIngestService } from '../ingest.service.js';
import {
  FixtureSite,
  articlePage,
  atom,
  jsonFeed,
  newsSitemap,
  paragraphs,
  rdf,
  rss2,
  sitemapIndex,
  telegramPage,
} from '../../test/fixture-site.js';

const ns = uniqueNamespace('src');
const dbName = uniqueDatabaseName('ingest_sources');
const now = Date.now();
const iso = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
const rfc822 = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toUTCString();
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../libs/feeds/src/__fixtures__/${name}`, import.meta.url));

describe('sources: scheduler -> fetch -> store -> article.ingested.v1 (real NATS, FerretDB, a local web site)', () => {
  let site: FixtureSite;
  let service: RunningService;
  let nc: NatsConnection;
  let db: Connection;
  let queries: QueryClient;
  const events: Ingested[] = [];

  const save = (
    source: Omit<SourceInputV1, 'enabled' | 'fetchArticles' | 'maxItemAgeHours'> & Partial<SourceInputV1>,
  ) =>
    queries.request(SourcesUpsertQueryV1, {
      source: { enabled: true, fetchArticles: 'auto', maxItemAgeHours: 72, minIntervalSeconds: 60, ...source },
    });
  const view = async (sourceId: string) => (await queries.request(SourceGetQueryV1, { sourceId })).source;
  const runs = async (sourceId: string) => (await queries.request(SourceGetQueryV1, { sourceId })).runs;
  const fetchedOnce = (sourceId: string, count = 1) =>
    waitFor(async () => ((await runs(sourceId)).length >= count ? view(sourceId) : undefined), {
      timeoutMs: 20_000,
      what: `${count} fetch(es) of ${sourceId}`,
    });

  beforeAll(async () => {
    site = await FixtureSite.start();
    site.route('/robots.txt', {
      body: 'User-agent: *\nDisallow: /private/\n',
      headers: { 'content-type': 'text/plain' },
    });
    const { natsUrl, mongoUri } = testInfra();
    nc = await connect({ servers: natsUrl });
    await provisionTopology(nc, ns, [STREAM_DEFINITIONS.articles], []);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(ns.stream(STREAM_DEFINITIONS.articles.name), {
      durable_name: 'probe',
      ack_policy: 'explicit' as never,
    });
    void (async () => {
      const consumer = await js.consumers.get(ns.stream(STREAM_DEFINITIONS.articles.name), 'probe');
      const messages = await consumer.consume();
      for await (const m of messages as AsyncIterable<JsMsg>) {
        events.push(ArticleIngestedV1.schema.parse(m.json()));
        m.ack();
      }
    })();
    db = await mongoose.createConnection(mongoUri, { dbName }).asPromise();
    service = await startServiceInProcess(
      createIngestService({
        ...serviceTestEnv(ns.value, dbName),
        FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.0/8',
        FETCH_TICK_MS: '100',
        FETCH_HOST_DELAY_MS: '0',
        FETCH_MAX_BYTES: String(256 * 1024),
        FETCH_TIMEOUT_MS: '3000',
      }),
    );
    queries = new QueryClient(nc, ns, { timeoutMs: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await db?.dropDatabase();
    await db?.close();
    await nc?.close();
    await site?.stop();
  });

  it('reads RSS, Atom, RDF and JSON feeds, a sitemap index with a news sitemap and a Telegram preview page', async () => {
    const page = (path: string, title: string, seed: number) =>
      site.route(path, {
        body: articlePage(title, paragraphs('the Kaliningrad battalion', seed), iso(2)),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    page('/atom/1', 'Atom one: drills in Kaliningrad', 1);
    page('/atom/2?utm_source=atom', 'Atom two: a new rotation', 2);
    page('/map/1', 'Sitemap one: Kursk volunteers', 3);
    page('/map/2', 'Sitemap two: reservists return', 4);
    site
      .route('/rss.xml', {
        headers: { 'content-type': 'application/rss+xml' },
        body: rss2([
          {
            title: 'RSS full text',
            link: `${site.url}/rss/1`,
            description: 'teaser',
            pubDate: rfc822(1),
            content: paragraphs('BARS-Kursk', 5, 12)
              .map((p) => `<p>${p}</p>`)
              .join(''),
          },
        ]),
      })
      .route('/atom.xml', {
        headers: { 'content-type': 'application/atom+xml' },
        body: atom([
          {
            title: 'Atom one: drills in Kaliningrad',
            link: `${site.url}/atom/1`,
            summary: 'Short teaser.',
            published: iso(3),
          },
          {
            title: 'Atom two: a new rotation',
            link: `${site.url}/atom/2?utm_source=atom`,
            summary: 'Short teaser.',
            published: iso(4),
          },
          { title: 'Too old', link: `${site.url}/atom/old`, summary: 'Old.', published: iso(24 * 10) },
        ]),
      })
      .route('/rdf.xml', {
        body: rdf([
          {
            title: 'RDF item',
            link: `${site.url}/rdf/1`,
            description: paragraphs('the Ministry of Defence', 6, 14).join(' '),
            date: iso(1),
          },
        ]),
        encoding: 'gzip',
      })
      .route('/feed.json', {
        headers: { 'content-type': 'application/feed+json' },
        body: jsonFeed([
          {
            id: 'j1',
            url: `${site.url}/json/1`,
            title: 'JSON item',
            content_text: paragraphs('Kaliningrad Oblast', 7, 14).join('\n\n'),
            date_published: iso(2),
          },
        ]),
        encoding: 'br',
      })
      .route('/sitemap-index.xml', { body: sitemapIndex([{ loc: `${site.url}/news-sitemap.xml`, lastmod: iso(1) }]) })
      .route('/news-sitemap.xml', {
        body: newsSitemap([
          { loc: `${site.url}/map/1`, title: 'Sitemap one: Kursk volunteers', date: iso(1) },
          { loc: `${site.url}/map/2`, title: 'Sitemap two: reservists return', date: iso(2) },
        ]),
      })
      .route('/s/bars_fixture', {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: telegramPage('bars_fixture', [
          {
            n: 11,
            html: 'Батальон «БАРС-Калининград» завершил учения на полигоне.<br/>Подробнее: <a href="https://kaliningrad.example.ru/n/1">сайт</a>',
            views: '2.5K',
            datetime: iso(1),
          },
          { n: 12, html: 'Вторая публикация канала о добровольцах Курской области.', views: '800', datetime: iso(2) },
        ]),
      });
    const sources: Array<[string, SourceInputV1['type'], string]> = [
      ['fx-rss', 'feed', '/rss.xml'],
      ['fx-atom', 'feed', '/atom.xml'],
      ['fx-rdf', 'feed', '/rdf.xml'],
      ['fx-json', 'feed', '/feed.json'],
      ['fx-sitemap', 'sitemap', '/sitemap-index.xml'],
      ['fx-telegram', 'telegram', '/s/bars_fixture'],
    ];
    for (const [sourceId, type, path] of sources) {
      const { created } = await save({ sourceId, type, name: sourceId, url: `${site.url}${path}` });
      expect(created).toBe(true);
    }
    const expected: Record<string, number> = {
      'fx-rss': 1,
      'fx-atom': 2,
      'fx-rdf': 1,
      'fx-json': 1,
      'fx-sitemap': 2,
      'fx-telegram': 2,
    };
    for (const [sourceId, count] of Object.entries(expected)) {
      const health = (await fetchedOnce(sourceId)).health;
      expect({ sourceId, status: health.status, items: health.items24h, error: health.lastError }).toEqual({
        sourceId,
        status: 'ok',
        items: count,
        error: null,
      });
    }
    await waitFor(() => (events.length >= 9 ? true : undefined), { timeoutMs: 10_000, what: '9 events' });
    const bySource = (id: string) => events.filter((e) => e.source.id === id);
    expect(
      bySource('fx-atom')
        .map((e) => e.title)
        .sort(),
    ).toEqual(['Atom one: drills in Kaliningrad', 'Atom two: a new rotation']);
    expect(
      bySource('fx-atom')
        .map((e) => e.canonicalUrl)
        .sort(),
    ).toEqual([`${site.url}/atom/1`, `${site.url}/atom/2`]);
    // Teasers: the page was fetched and its body extracted.
    expect(bySource('fx-atom')[0]!.body).toContain('according to statement number');
    expect(site.hits('/atom/old')).toBe(0);
    const posts = bySource('fx-telegram');
    expect(posts.map((p) => p.url).sort()).toEqual(['https://t.me/bars_fixture/11', 'https://t.me/bars_fixture/12']);
    expect(posts.find((p) => p.url.endsWith('/11'))).toMatchObject({
      language: 'ru',
      title: 'Батальон «БАРС-Калининград» завершил учения на полигоне.',
    });
    const stored = await db.collection('articles').findOne({ url: 'https://t.me/bars_fixture/11' });
    expect(stored?.['extras']).toEqual({ views: 2500, links: ['https://kaliningrad.example.ru/n/1'] });
    expect(events.every((e) => typeof e.storyId === 'string')).toBe(true);
    expect(new Set(events.map((e) => e.articleId)).size).toBe(events.length);
  }, 60_000);

  it('asks with If-None-Match and records a 304 as not modified', async () => {
    site.route('/etag.xml', {
      etag: '"v1"',
      body: rss2([
        {
          title: 'ETag item',
          link: `${site.url}/etag/1`,
          description: paragraphs('Kursk', 8, 14).join(' '),
          pubDate: rfc822(1),
        },
      ]),
    });
    await save({ sourceId: 'fx-etag', type: 'feed', name: 'etag', url: `${site.url}/etag.xml` });
    await fetchedOnce('fx-etag');
    await queries.request(SourceFetchNowQueryV1, { sourceId: 'fx-etag' });
    await fetchedOnce('fx-etag', 2);
    const [second, first] = await runs('fx-etag');
    expect(first).toMatchObject({ outcome: 'ok', httpStatus: 200, newItems: 1 });
    expect(second).toMatchObject({ outcome: 'not_modified', httpStatus: 304, items: 0 });
    const asked = site.requests.filter((r) => r.path === '/etag.xml');
    expect(asked.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect((await view('fx-etag')).health).toMatchObject({ status: 'ok', lastOutcome: 'not_modified' });
  }, 30_000);

  it('decodes windows-1251 and KOI8-R feeds', async () => {
    site.route('/cp1251.xml', {
      body: fixture('rss-windows-1251.xml'),
      headers: { 'content-type': 'application/rss+xml' },
    });
    site.route('/koi8.xml', { body: fixture('rss-koi8r-undeclared.xml'), headers: { 'content-type': 'text/xml' } });
    site.route('/news/ru', { body: 'unused' });
    await save({
      sourceId: 'fx-cp1251',
      type: 'feed',
      name: 'cp1251',
      url: `${site.url}/cp1251.xml`,
      fetchArticles: 'never',
      maxItemAgeHours: 24 * 365,
    });
    await save({
      sourceId: 'fx-koi8',
      type: 'feed',
      name: 'koi8',
      url: `${site.url}/koi8.xml`,
      fetchArticles: 'never',
      maxItemAgeHours: 24 * 365,
    });
    await fetchedOnce('fx-cp1251');
    await fetchedOnce('fx-koi8');
    // Both carry the same article (same URL): one article, two carriers, one event.
    const article = await db
      .collection<{ _id: string; title: string; language: string }>('articles')
      .findOne({ canonicalUrl: 'https://news.example.ru/2026/11/bars-ucheniya' });
    expect(article?.['title']).toMatch(/^Батальон .БАРС-Калининград. провёл учения$/);
    expect(article?.['language']).toBe('ru');
    const carriers = await db.collection('article_carriers').find({ articleId: article?.['_id'] }).toArray();
    expect(carriers.map((c) => c['sourceId']).sort()).toEqual(['fx-cp1251', 'fx-koi8']);
    await waitFor(() => (events.some((e) => e.articleId === article?.['_id']) ? true : undefined), {
      what: 'the event',
    });
    expect(events.filter((e) => e.articleId === article?.['_id'])).toHaveLength(1);
  }, 30_000);

  it('records a clear error on the source for every kind of bad input, and keeps going', async () => {
    site
      .route('/loop-a', { status: 302, headers: { location: '/loop-b' } })
      .route('/loop-b', { status: 302, headers: { location: '/loop-a' } })
      .route('/huge.xml', { streamBytes: 2 * 1024 * 1024, headers: { 'content-type': 'application/rss+xml' } })
      .route('/page.html', {
        body: '<!DOCTYPE html><html><body><p>Not a feed</p></body></html>',
        headers: { 'content-type': 'text/html' },
      })
      .route('/private/feed.xml', { body: rss2([]) })
      .route('/bad.json', {
        body: '{"version":"https://jsonfeed.org/version/1.1","items":[',
        headers: { 'content-type': 'application/json' },
      })
      .route('/pdf.xml', { body: Buffer.from('%PDF-1.7\n\0\0binary'), headers: { 'content-type': 'application/pdf' } })
      .route('/broken-pages.xml', {
        body: rss2([
          { title: 'Binary page', link: `${site.url}/binary`, description: 'x', pubDate: rfc822(1) },
          { title: 'Good one', link: `${site.url}/good`, description: 'y', pubDate: rfc822(1) },
        ]),
      })
      .route('/binary', {
        body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
        headers: { 'content-type': 'image/png' },
      })
      .route('/good', {
        body: articlePage('A good page', paragraphs('Kursk region', 9), iso(1)),
        headers: { 'content-type': 'text/html' },
      });
    const cases: Array<[string, string, string]> = [
      ['fx-loop', '/loop-a', 'fetch.redirect_loop'],
      ['fx-huge', '/huge.xml', 'fetch.too_large'],
      ['fx-html', '/page.html', 'feed.not_a_feed'],
      ['fx-down', '/down.xml', 'fetch.http_status'],
      ['fx-robots', '/private/feed.xml', 'fetch.robots_disallowed'],
      ['fx-badjson', '/bad.json', 'feed.malformed_json'],
      ['fx-pdf', '/pdf.xml', 'feed.binary'],
    ];
    // A 503 pauses its whole host: this one has a host of its own.
    const busy = await FixtureSite.start();
    busy.route('/down.xml', { status: 503, headers: { 'retry-after': '120' } });
    for (const [sourceId, path] of cases) {
      await save({
        sourceId,
        type: 'feed',
        name: sourceId,
        url: `${path === '/down.xml' ? busy.url : site.url}${path}`,
      });
    }
    await save({ sourceId: 'fx-pages', type: 'feed', name: 'pages', url: `${site.url}/broken-pages.xml` });
    for (const [sourceId, , code] of cases) {
      const health = (await fetchedOnce(sourceId)).health;
      expect({ sourceId, status: health.status, code: health.lastError?.code, rate: health.errorRate24h }).toEqual({
        sourceId,
        status: 'degraded',
        code,
        rate: 1,
      });
      expect(health.lastError?.message.length).toBeGreaterThan(10);
    }
    const down = await view('fx-down');
    expect(down.health.lastHttpStatus).toBe(503);
    // Retry-After 120 s is honoured (the source's shortest interval is 60 s).
    expect(Date.parse(down.health.nextFetchAt!) - Date.parse(down.health.lastFetchAt!)).toBeGreaterThanOrEqual(108_000);
    await busy.stop();
    const pages = await fetchedOnce('fx-pages');
    expect(pages.health.status).toBe('ok');
    const [run] = await runs('fx-pages');
    expect(run).toMatchObject({ outcome: 'ok', items: 2, newItems: 1 });
    // The binary page had only a one-word teaser: it is reported, not stored with nothing in it.
    expect(run!.itemErrors).toEqual([
      { url: `${site.url}/binary`, code: 'extraction.not_html', message: 'content type image/png is not an HTML page' },
    ]);
    expect(events.filter((e) => e.source.id === 'fx-pages').map((e) => e.title)).toEqual(['Good one']);
  }, 60_000);

  it('reports an outage to trends once a source fails three times in a row, and closes it on recovery', async () => {
    const gaps: CollectionStatus[] = [];
    const jsm = await jetstreamManager(nc);
    const stream = ns.stream(STREAM_DEFINITIONS.collection.name);
    await jsm.consumers.add(stream, { durable_name: 'gap-probe', ack_policy: 'explicit' as never });
    const consumer = await jetstream(nc).consumers.get(stream, 'gap-probe');
    const messages = await consumer.consume();
    void (async () => {
      for await (const m of messages as AsyncIterable<JsMsg>) {
        gaps.push(CollectionStatusV1.schema.parse(m.json()));
        m.ack();
      }
    })();
    const feed = rss2([
      {
        title: 'Flaky',
        link: `${site.url}/flaky/1`,
        description: paragraphs('Kursk', 8, 3).join(' '),
        pubDate: rfc822(1),
      },
    ]);
    site.route('/flaky.xml', { body: feed });
    await save({ sourceId: 'fx-flaky', type: 'feed', name: 'flaky', url: `${site.url}/flaky.xml` });
    const ok = await fetchedOnce('fx-flaky');
    site.route('/flaky.xml', { status: 404 });
    for (const count of [2, 3, 4]) {
      await queries.request(SourceFetchNowQueryV1, { sourceId: 'fx-flaky' });
      await fetchedOnce('fx-flaky', count);
    }
    const outage = await waitFor(() => gaps.find((g) => g.sourceId === 'fx-flaky'), {
      timeoutMs: 10_000,
      what: 'outage',
    });
    expect(outage).toMatchObject({ status: 'outage', from: ok.health.lastSuccessAt });
    expect(outage.reason).toMatch(/^3 fetches in a row failed \(last: fetch\.http_status/);
    site.route('/flaky.xml', { body: feed });
    await queries.request(SourceFetchNowQueryV1, { sourceId: 'fx-flaky' });
    const recovered = await fetchedOnce('fx-flaky', 5);
    const closed = await waitFor(() => gaps.find((g) => g.reason?.startsWith('recovered after 3 failed fetches')), {
      timeoutMs: 10_000,
      what: 'closing report',
    });
    expect(closed).toMatchObject({ from: ok.health.lastSuccessAt, to: recovered.health.lastSuccessAt });
    expect(gaps.filter((g) => g.sourceId === 'fx-flaky')).toHaveLength(2);
    await messages.close();
  }, 60_000);

  it('lists every source with its health', async () => {
    const { sources } = await queries.request(SourcesListQueryV1, {});
    const byId = new Map(sources.map((s: SourceViewV1) => [s.sourceId, s]));
    expect(byId.get('fx-rss')).toMatchObject({ type: 'feed', origin: 'api', health: { status: 'ok', items24h: 1 } });
    expect(byId.get('fx-loop')?.health.lastError?.code).toBe('fetch.redirect_loop');
  });
});
