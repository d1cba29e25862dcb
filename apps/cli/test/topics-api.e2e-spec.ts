import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  ArticleIngestedV1,
  SUBJECTS,
  type ArticleIngestedV1 as Ingested,
  type EntityListQueryV1,
  type QueryResponseOf,
  type TopicBackfillQueryV1,
  type TopicDryRunResponseV1,
  type TopicViewV1,
} from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import { LocalSystem } from '@media-monitor/local-infra';
import { uniqueNamespace, waitFor } from '@media-monitor/testing';

// The topic and alias-registry API end to end: the gateway and the entity service as processes, driven
// through HTTP (and article.ingested.v1 on NATS in place of ingest), never through their databases.
describe('topics and the alias registry through the gateway', () => {
  const ns = uniqueNamespace('e');
  let system: LocalSystem;
  let nc: NatsConnection;
  let analysed: Subscription;
  const analysedIds = new Set<string>();
  let readKey = '';

  beforeAll(async () => {
    system = await LocalSystem.start({
      namespace: ns.value,
      databasePrefix: ns.value.replace(/-/g, '_'),
      logLevel: 'warn',
      services: ['entity', 'gateway'],
      env: { ENTITY_CATALOG_REFRESH_MS: '300', ENTITY_BACKFILL_POLL_MS: '300', ENTITY_BACKFILL_PAUSE_MS: '0' },
    });
    nc = await connect({ servers: system.stack.nats.url });
    analysed = nc.subscribe(ns.subject(SUBJECTS.articleEntitiesV1));
    void (async () => {
      for await (const msg of analysed) analysedIds.add(msg.json<{ articleId: string }>().articleId);
    })();
    const created = await api('/v1/api-keys', { method: 'POST', body: { name: 'reader', scopes: ['read'] } });
    readKey = ((await created.json()) as { token: string }).token;
  }, 240_000);

  afterAll(async () => {
    analysed?.unsubscribe();
    await nc?.close();
    await system?.stop();
  }, 60_000);

  function api(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<Response> {
    return fetch(`${system.url('gateway')}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-api-key': init.key ?? system.apiKey,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  async function json<T>(res: Response, status: number): Promise<T> {
    const body = (await res.json()) as T;
    expect({ status: res.status, body }).toMatchObject({ status });
    return body;
  }

  async function ingest(articles: Ingested[]): Promise<void> {
    const publisher = new EventPublisher(nc, ns, { producer: 'e2e' });
    for (const a of articles) await publisher.publish(ArticleIngestedV1, a, { msgId: a.articleId });
    await waitFor(() => (articles.every((a) => analysedIds.has(a.articleId)) ? true : undefined), {
      timeoutMs: 60_000,
      what: 'articles analysed',
    });
  }

  const article = (key: string, title: string, body: string, language: 'en' | 'ru'): Ingested => ({
    articleId: createHash('sha256').update(key).digest('hex').slice(0, 32),
    url: `https://e2e.example.org/${key}`,
    canonicalUrl: `https://e2e.example.org/${key}`,
    title,
    body,
    publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ingestedAt: new Date().toISOString(),
    language,
    source: { id: 'e2e' },
    contentHash: createHash('sha256').update(body).digest('hex'),
  });

  it('reads with a read key and refuses its writes', async () => {
    expect((await api('/v1/topics', { key: readKey })).status).toBe(200);
    expect((await api('/v1/entities?type=UNIT', { key: readKey })).status).toBe(200);
    for (const [path, method, body] of [
      ['/v1/topics', 'POST', { name: 'x', query: 'x' }],
      ['/v1/topics/bars', 'DELETE', undefined],
      ['/v1/entities/unit:x', 'PUT', { type: 'UNIT', name: 'X', aliases: [{ text: 'X' }] }],
      ['/v1/entities/unit:bars/aliases', 'POST', { text: 'Барсы' }],
    ] as const) {
      const res = await api(path, { method, body, key: readKey });
      expect({
        path,
        status: res.status,
        code: ((await res.json()) as { error: { code: string } }).error.code,
      }).toEqual({
        path,
        status: 403,
        code: 'auth.insufficient_scope',
      });
    }
  });

  it('points at the position of a query error', async () => {
    const created = await json<{ error: Record<string, unknown> }>(
      await api('/v1/topics', { method: 'POST', body: { name: 'Kursk', query: '"Курская область' } }),
      400,
    );
    expect(created.error).toEqual({
      code: 'topic.invalid_query',
      message: 'unterminated phrase: missing closing " for the quote at 0',
      position: 0,
      token: '"',
      queryCode: 'query.syntax',
    });
    const dry = await json<{ error: Record<string, unknown> }>(
      await api('/v1/topics/dry-run', { method: 'POST', body: { query: 'BARS AND OR Kursk' } }),
      400,
    );
    expect(dry.error).toMatchObject({ code: 'topic.invalid_query', position: 9, token: 'OR' });
    const unknownField = await api('/v1/topics', { method: 'POST', body: { name: 'x', query: 'x', colour: 'red' } });
    expect((await json<{ error: { code: string } }>(unknownField, 400)).error.code).toBe('gateway.invalid_body');
  });

  it('dry-runs, creates, versions, backfills and deletes a topic', async () => {
    const articles = [
      article('kursk-1', 'Учения', 'Бойцы «БАРС-Курска» провели учения в Курской области.', 'ru'),
      article('kursk-2', 'Exercise', 'Volunteers of BARS-Kursk trained in the Kursk region.', 'en'),
      article('weather-1', 'Weather', 'Rain is expected in Kursk tomorrow.', 'en'),
    ];
    await ingest(articles);
    const dry = await json<TopicDryRunResponseV1>(
      await api('/v1/topics/dry-run', {
        method: 'POST',
        body: { query: 'entity:unit:bars-kursk', samples: 5 },
      }),
      200,
    );
    expect(dry).toMatchObject({ scanned: 3, matched: 2, complete: true, window: { limit: 10_000 } });
    expect(dry.samples.map((s) => s.articleId).sort()).toEqual([articles[0]!.articleId, articles[1]!.articleId].sort());
    expect(dry.samples.flatMap((s) => s.evidence.map((e) => e.matchedText)).sort()).toEqual([
      'BARS-Kursk',
      'БАРС-Курска',
    ]);

    const res = await api('/v1/topics', {
      method: 'POST',
      body: { name: 'Kursk unit', description: 'BARS-Kursk', query: 'entity:unit:bars-kursk' },
    });
    const created = await json<TopicViewV1>(res, 201);
    expect(res.headers.get('location')).toBe('/v1/topics/kursk-unit');
    expect(created).toMatchObject({ topicId: 'kursk-unit', version: 1, activeVersion: null, liveVersions: [1] });

    const activeAt = async (version: number) =>
      waitFor(
        async () => {
          const topic = await json<TopicViewV1>(await api('/v1/topics/kursk-unit'), 200);
          return topic.activeVersion === version ? topic : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `kursk-unit@${version} active` },
      );
    expect((await activeAt(1)).backfill).toMatchObject({ status: 'completed', scanned: 3, matched: 2 });

    const renamed = await json<{ topic: TopicViewV1; newVersion: boolean }>(
      await api('/v1/topics/kursk-unit', {
        method: 'PUT',
        body: { name: 'Kursk battalion', query: 'entity:unit:bars-kursk' },
      }),
      200,
    );
    expect(renamed).toMatchObject({ newVersion: false, topic: { name: 'Kursk battalion', version: 1 } });
    expect(renamed.topic).not.toHaveProperty('description');

    const changed = await json<{ topic: TopicViewV1; newVersion: boolean }>(
      await api('/v1/topics/kursk-unit', {
        method: 'PUT',
        body: { name: 'Kursk battalion', query: 'entity:unit:bars-kursk OR Kursk', languages: ['en'] },
      }),
      200,
    );
    expect(changed).toMatchObject({ newVersion: true, topic: { version: 2, activeVersion: 1, liveVersions: [1, 2] } });
    const v2 = await activeAt(2);
    expect(v2.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    const progress = await json<QueryResponseOf<typeof TopicBackfillQueryV1>>(
      await api('/v1/topics/kursk-unit/backfill', { key: readKey }),
      200,
    );
    expect(progress.backfills.map((b) => [b.version, b.status, b.scanned, b.matched])).toEqual([
      [2, 'completed', 3, 2],
      [1, 'completed', 3, 2],
    ]);

    const list = await json<{ topics: TopicViewV1[] }>(await api('/v1/topics'), 200);
    expect(list.topics.map((t) => t.topicId)).toEqual(['bars', 'kursk-unit']);
    expect((await api('/v1/topics/kursk-unit', { method: 'DELETE' })).status).toBe(204);
    expect((await json<{ error: { code: string } }>(await api('/v1/topics/kursk-unit'), 404)).error.code).toBe(
      'topic.not_found',
    );
    expect((await api('/v1/topics/kursk-unit', { method: 'DELETE' })).status).toBe(404);
    expect((await api('/v1/topics/kursk-unit/backfill')).status).toBe(404);

    // Created again: the version numbers go on (a number never means two definitions), the old ones are gone.
    const again = await json<TopicViewV1>(
      await api('/v1/topics', { method: 'POST', body: { topicId: 'kursk-unit', name: 'Kursk', query: 'Kursk' } }),
      201,
    );
    expect(again).toMatchObject({ version: 3, activeVersion: null, liveVersions: [3] });
    expect(again.versions.map((v) => v.version)).toEqual([3]);
    expect((await activeAt(3)).versions.map((v) => [v.version, v.state])).toEqual([[3, 'active']]);
    const taken = await api('/v1/topics', {
      method: 'POST',
      body: { topicId: 'kursk-unit', name: 'Kursk', query: 'x' },
    });
    expect((await json<{ error: { code: string } }>(taken, 409)).error.code).toBe('topic.already_exists');
  });

  it('searches, edits and protects the alias registry', async () => {
    const found = await json<QueryResponseOf<typeof EntityListQueryV1>>(
      await api('/v1/entities?q=%D0%B1%D0%B5%D1%81%D0%BF%D1%80%D0%BE%D0%B7%D0%B2', { key: readKey }), // «беспрозв»
      200,
    );
    expect(found.entities.map((e) => e.entityId)).toEqual(['per:alexei-besprozvannikov']);
    const first = await json<QueryResponseOf<typeof EntityListQueryV1>>(
      await api('/v1/entities?type=UNIT&limit=2'),
      200,
    );
    expect(first.entities.map((e) => e.entityId)).toEqual(['unit:bars', 'unit:bars-kaliningrad']);
    const second = await json<QueryResponseOf<typeof EntityListQueryV1>>(
      await api(`/v1/entities?type=UNIT&limit=2&after=${first.next}`),
      200,
    );
    expect([second.entities.map((e) => e.entityId), second.next]).toEqual([['unit:bars-kursk'], null]);

    const storm = await json<{ created: boolean; entity: { aliases: unknown[] } }>(
      await api('/v1/entities/unit:storm', {
        method: 'PUT',
        body: { type: 'UNIT', name: 'Storm Brigade', aliases: [{ text: 'Storm Brigade', lang: 'en' }] },
      }),
      200,
    );
    expect(storm).toMatchObject({ created: true });
    const added = await api('/v1/entities/unit:storm/aliases', { method: 'POST', body: { text: 'Шторм', lang: 'ru' } });
    expect(added.status).toBe(201);
    const again = await api('/v1/entities/unit:storm/aliases', { method: 'POST', body: { text: 'шторм' } });
    expect({ status: again.status, added: ((await again.json()) as { added: boolean }).added }).toEqual({
      status: 200,
      added: false,
    });
    const aliases = await json<{ aliases: Array<{ text: string; script: string; lang?: string }> }>(
      await api('/v1/entities/unit:storm/aliases', { key: readKey }),
      200,
    );
    expect(aliases.aliases).toEqual([
      { text: 'Storm Brigade', lang: 'en', caseSensitive: false, script: 'Latin' },
      { text: 'Шторм', lang: 'ru', caseSensitive: false, script: 'Cyrillic' },
    ]);

    const conflict = await json<{ error: Record<string, unknown> }>(
      await api('/v1/entities/unit:kursk-volunteers', {
        method: 'PUT',
        body: {
          type: 'UNIT',
          name: 'Kursk volunteers',
          aliases: [{ text: 'BARS Kursk' }, { text: 'Kursk volunteers' }],
        },
      }),
      409,
    );
    expect(conflict.error).toMatchObject({
      code: 'entity.alias_conflict',
      conflicts: [{ alias: 'BARS Kursk', entityId: 'unit:bars-kursk' }],
    });
    // The refused entity left no claim behind: its other alias is free for someone else.
    expect(
      (
        await api('/v1/entities/unit:kursk-volunteers', {
          method: 'PUT',
          body: { type: 'UNIT', name: 'Kursk volunteers', aliases: [{ text: 'Kursk volunteers' }] },
        })
      ).status,
    ).toBe(200);

    const mismatch = await api('/v1/entities/unit:wrong', {
      method: 'PUT',
      body: { type: 'ORG', name: 'Wrong', aliases: [{ text: 'Wrong' }] },
    });
    expect((await json<{ error: { code: string } }>(mismatch, 400)).error.code).toBe('entity.invalid');

    const removed = await json<{ entity: { aliases: Array<{ text: string }> } }>(
      await api(`/v1/entities/unit:storm/aliases/${encodeURIComponent('Шторм')}`, { method: 'DELETE' }),
      200,
    );
    expect(removed.entity.aliases.map((a) => a.text)).toEqual(['Storm Brigade']);
    const missing = await api(`/v1/entities/unit:storm/aliases/${encodeURIComponent('Буря')}`, { method: 'DELETE' });
    expect((await json<{ error: { code: string } }>(missing, 404)).error.code).toBe('entity.alias_not_found');
    const last = await api(`/v1/entities/unit:storm/aliases/${encodeURIComponent('storm brigade')}`, {
      method: 'DELETE',
    });
    expect((await json<{ error: { code: string } }>(last, 409)).error.code).toBe('entity.last_alias');

    const inUse = await json<{ error: Record<string, unknown> }>(
      await api('/v1/entities/unit:bars', { method: 'DELETE' }),
      409,
    );
    expect(inUse.error).toMatchObject({ code: 'entity.in_use', topics: ['bars@1'] });
    expect((await api('/v1/entities/unit:storm', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/v1/entities/unit:storm/aliases')).status).toBe(404);
    expect((await api('/v1/entities/unit:storm', { method: 'DELETE' })).status).toBe(404);
  });
});
