import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  CONSUMERS,
  HEADERS,
  STREAMS,
  SUBJECTS,
  type SeriesTrendResponseV1,
  type TopTermsResponseV1,
} from '@media-monitor/contracts';
import { LocalSystem, repositoryRoot } from '@media-monitor/local-infra';
import { uniqueNamespace, waitFor } from '@media-monitor/testing';

// End to end: every service runs as its own process against a private nats-server and FerretDB,
// and the test talks to the system only through HTTP and NATS subjects.
const samplesDir = join(repositoryRoot(), '..', 'shared', 'data', 'samples');
const seedFile = join(samplesDir, 'bars-kaliningrad.en.txt');
const haveSamples = existsSync(seedFile);
if (!haveSamples) {
  process.stderr.write(`[e2e] skipping the seed-article test: ${seedFile} is absent (../shared/data/samples)\n`);
}

describe('the pipeline, end to end', () => {
  const ns = uniqueNamespace('e');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await LocalSystem.start({
      namespace: ns.value,
      databasePrefix: ns.value.replace(/-/g, '_'),
      logLevel: 'warn',
      // The alert test below sends to a webhook sink on this machine.
      env: { ALERT_ALLOW_INSECURE_WEBHOOKS: 'true' },
    });
  }, 360_000); // six services, each allowed 90 s to become ready on a loaded machine

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  async function post(body: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${system.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': system.apiKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  /** A gateway request with the run's admin API key. */
  function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    return fetch(`${system.url('gateway')}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-api-key': system.apiKey,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  async function trend(from: string, to: string): Promise<SeriesTrendResponseV1> {
    const res = await api(`/v1/topics/bars/trends?interval=hour&from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return (await res.json()) as SeriesTrendResponseV1;
  }

  (haveSamples ? it : it.skip)(
    'counts the seed article once in the BARS topic hourly trend, traceable to it',
    async () => {
      const { readFileSync } = await import('node:fs');
      const [title = '', ...lines] = readFileSync(seedFile, 'utf8').trim().split('\n');
      const article = {
        url: 'https://e2e.example.org/news/kaliningrad-bars?utm_source=e2e',
        title,
        body: lines.join('\n'),
        publishedAt: '2026-11-20T10:17:00Z',
        source: { id: 'e2e', name: 'E2E Wire' },
      };
      const first = await post(article);
      expect(first.status).toBe(202);
      const { articleId } = first.json as { articleId: string; status: string };
      expect(first.json).toMatchObject({ status: 'accepted', published: true });
      // The same article again, under its canonical URL: stored and counted once.
      const again = await post({ ...article, url: 'https://e2e.example.org/news/kaliningrad-bars' });
      expect(again.json).toMatchObject({ articleId, status: 'duplicate' });

      const series = await waitFor(
        async () => {
          const t = await trend('2026-11-20T08:00:00Z', '2026-11-20T13:00:00Z');
          return t.points.some((p) => p.articles > 0) ? t : undefined;
        },
        { timeoutMs: 30_000, what: 'the article in the trend' },
      );
      expect(series.points).toHaveLength(5);
      const hour = series.points.find((p) => p.bucketStart === '2026-11-20T10:00:00.000Z');
      expect(hour).toMatchObject({ articles: 1, toneCount: 1, complete: true });
      const listed = (await (await api(hour?.articlesUrl ?? '')).json()) as { articles: Array<{ articleId: string }> };
      expect(listed.articles.map((a) => a.articleId)).toEqual([articleId]);
      expect(series.points.filter((p) => p.articles > 0)).toHaveLength(1);

      // The same numbers through the entity series and the CSV export, in the reader's time zone.
      const day = '&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';
      // The article's buckets are written one after another: the entity's may follow the topic's.
      const entityDay = await waitFor(
        async () => {
          const entity = await api(`/v1/entities/unit:bars-kaliningrad/trends?interval=day${day}`);
          const point = ((await entity.json()) as SeriesTrendResponseV1).points[0];
          return point && point.articles > 0 ? point : undefined;
        },
        { timeoutMs: 30_000, what: 'the article in the entity trend' },
      );
      expect(entityDay).toMatchObject({ articles: 1, toneCount: 1 });
      const entityListed = (await (await api(entityDay?.articlesUrl ?? '')).json()) as {
        articles: Array<{ articleId: string }>;
      };
      expect(entityListed.articles.map((a) => a.articleId)).toEqual([articleId]);
      const csv = await api(`/v1/topics/bars/trends?interval=hour&tz=Europe/Kaliningrad&format=csv${day}`);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = (await csv.text()).trim().split('\n');
      expect(rows[0]).toBe(
        'bucketStart,localStart,articles,stories,publishers,toneAvg,positive,negative,neutral,normalisedVolume,complete,articlesUrl',
      );
      expect(rows).toHaveLength(25);
      expect(rows.find((l) => l.startsWith('2026-11-20T10:00:00.000Z'))).toMatch(
        /^[^,]+,2026-11-20T12:00:00\+02:00,1,1,1,/,
      );
      const top = await api(`/v1/topics/bars/top${day.replace('&', '?')}`);
      expect(((await top.json()) as TopTermsResponseV1).sources).toEqual([{ id: 'e2e', articles: 1 }]);
    },
    60_000,
  );

  it('rejects invalid articles with a clear error and keeps running', async () => {
    const bad = await post({
      url: 'ftp://x',
      title: '',
      body: 'b',
      publishedAt: 'yesterday',
      source: { id: 's' },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { code: string } }).error.code).toBe('ingest.invalid_article');
    const res = await api('/v1/topics/bars/trends?from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z');
    const body = (await res.json()) as { error: { code: string } };
    expect({ status: res.status, code: body.error.code }).toEqual({ status: 400, code: 'trends.invalid_range' });
    for (const [query, code] of [
      ['tz=Mars/Olympus', 'trends.invalid_time_zone'],
      ['colour=blue', 'gateway.invalid_query'],
      ['interval=week', 'gateway.invalid_query'],
    ]) {
      const answer = await api(`/v1/topics/bars/trends?${query}`);
      expect({ query, status: answer.status, code: ((await answer.json()) as typeof body).error.code }).toEqual({
        query,
        status: 400,
        code,
      });
    }
    // Without a key the API answers 401, with no stack trace.
    const anonymous = await fetch(`${system.url('gateway')}/v1/topics/bars/trends`);
    expect({ status: anonymous.status, body: await anonymous.json() }).toMatchObject({
      status: 401,
      body: { error: { code: 'auth.invalid_key' } },
    });
  });

  it('pushes to ingest with an ingest key made at the gateway (one key store); ingest refuses a read key', async () => {
    const make = async (scope: string) => {
      const res = await api('/v1/api-keys', { method: 'POST', body: { name: `e2e ${scope}`, scopes: [scope] } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    const [pushKey, readKey] = [await make('ingest'), await make('read')];
    const push = (key: string) =>
      fetch(`${system.url('ingest')}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({
          url: `https://e2e.example/keys/${ns.value}`,
          title: 'Pushed with an ingest key',
          body: 'A short article pushed with a key that may only push.',
          publishedAt: new Date().toISOString(),
          source: { id: 'e2e-keys' },
        }),
      });
    expect((await push(pushKey)).status).toBe(202);
    const refused = await push(readKey);
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 403,
      body: { error: { code: 'auth.insufficient_scope' } },
    });
    // The push-only key reads nothing at the gateway.
    const read = await fetch(`${system.url('gateway')}/v1/topics`, { headers: { 'x-api-key': pushKey } });
    expect(read.status).toBe(403);
  });

  it('dead-letters a poison message on the article stream with its reason', async () => {
    const nc = await connect({ servers: system.stack.nats.url });
    try {
      nc.publish(ns.subject(SUBJECTS.articleIngestedV1), '{"articleId": "not-an-id"');
      await nc.flush();
      const jsm = await jetstreamManager(nc);
      const stream = ns.stream(STREAMS.deadLetters);
      // The consumer of the article stream dead-letters it; nothing reaches the later stages.
      for (const durable of [CONSUMERS.entityArticles]) {
        const subject = ns.subject(`${SUBJECTS.deadLetterPrefix}.${durable}`);
        const letter = await waitFor(
          () =>
            jsm.streams
              .getMessage(stream, { last_by_subj: subject })
              .then((m) => m ?? undefined)
              .catch(() => undefined),
          { timeoutMs: 15_000, what: `the dead letter of ${durable}` },
        );
        expect(letter.string()).toBe('{"articleId": "not-an-id"');
        expect(letter.header?.get(HEADERS.deadLetterCode)).toBe('messaging.invalid_json');
        expect(letter.header?.get(HEADERS.deadLetterReason)).toMatch(/not valid JSON/);
        expect(letter.header?.get(HEADERS.originalSubject)).toBe(SUBJECTS.articleIngestedV1);
        expect(letter.header?.get(HEADERS.originalConsumer)).toBe(durable);
      }
    } finally {
      await nc.close();
    }
  });

  it('manages alert rules and destinations through the gateway, with a signed test send', async () => {
    const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    const sink = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = sink.address() as AddressInfo;
      const saved = await api('/v1/alert-destinations/e2e-sink', {
        method: 'PUT',
        body: {
          name: 'E2E sink',
          type: 'webhook',
          url: `http://127.0.0.1:${port}/hook`,
          secret: `whsec_${Buffer.from('e2e-secret-e2e-secret-e2e-secret').toString('base64')}`,
        },
      });
      expect(saved.status).toBe(200);
      const sent = await api('/v1/alert-destinations/e2e-sink/test', { method: 'POST' });
      expect({ status: sent.status, body: await sent.json() }).toMatchObject({
        status: 200,
        body: { outcome: 'delivered' },
      });
      expect(received).toHaveLength(1);
      expect(received[0]?.headers['webhook-signature']).toMatch(/^v1,/);

      const notSlack = await api('/v1/alert-destinations/bad-slack', {
        method: 'PUT',
        body: { name: 'Bad', type: 'slack', url: 'https://example.com/hook' },
      });
      expect({ status: notSlack.status, body: await notSlack.json() }).toMatchObject({
        status: 400,
        body: { error: { code: 'alert.destination.not_slack' } },
      });

      const rule = await api('/v1/alert-rules/e2e-negative', {
        method: 'PUT',
        body: {
          name: 'Negative BARS coverage',
          scope: { type: 'topic', id: 'bars' },
          kind: 'instant-match',
          maxToneScore: -0.3,
        },
      });
      expect({ status: rule.status, body: await rule.json() }).toMatchObject({
        status: 200,
        body: { created: true, rule: { ruleId: 'e2e-negative', enabled: true, destinationIds: [] } },
      });
      const rules = (await (await api('/v1/alert-rules?scopeId=bars')).json()) as { rules: Array<{ ruleId: string }> };
      expect(rules.rules.map((r) => r.ruleId)).toContain('e2e-negative');
      expect((await api('/v1/alert-rules/e2e-negative', { method: 'DELETE' })).status).toBe(204);
      const gone = await api('/v1/alert-rules/e2e-negative', { method: 'DELETE' });
      expect({ status: gone.status, body: await gone.json() }).toMatchObject({
        status: 404,
        body: { error: { code: 'alert.rule.not_found' } },
      });
      expect((await api('/v1/alerts?limit=5')).status).toBe(200);
    } finally {
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});
