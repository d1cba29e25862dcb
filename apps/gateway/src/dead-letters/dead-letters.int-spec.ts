import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  ArticleIngestedV1,
  CONSUMER_DEFINITIONS,
  HEADERS,
  STREAM_DEFINITIONS,
  type DeadLetterPage,
  type DeadLetterView,
} from '@media-monitor/contracts';
import { ConsumerRunner, PermanentError, headersToRecord, provisionTopology } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { gatewayService } from '../gateway.service.js';

const ADMIN_KEY = `mmk_dddddddddddd_${'D'.repeat(43)}`;
const POISON = 5;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

// Dead letters made by a real consumer runner on the real entity-articles consumer, read, replayed and
// purged through the gateway's API.
describe('dead letters through the gateway (real NATS JetStream)', () => {
  const ns = uniqueNamespace('gwdl');
  let nc: NatsConnection;
  let gateway: RunningService;
  let runner: ConsumerRunner;
  let readKey = '';

  const call = (path: string, init: { method?: string; key?: string } = {}) =>
    fetch(`${gateway.url}${path}`, { method: init.method ?? 'GET', headers: { 'x-api-key': init.key ?? ADMIN_KEY } });
  const list = async (query = ''): Promise<DeadLetterPage> => {
    const res = await call(`/v1/dead-letters${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as DeadLetterPage;
  };
  const articleMessages = async () => {
    const jsm = await jetstream(nc).jetstreamManager();
    return (await jsm.streams.info(ns.stream(STREAM_DEFINITIONS.articles.name))).state.messages;
  };

  beforeAll(async () => {
    const { natsUrl } = testInfra();
    nc = await connect({ servers: natsUrl });
    const consumer = CONSUMER_DEFINITIONS.entityArticles;
    await provisionTopology(nc, ns, [STREAM_DEFINITIONS.articles, STREAM_DEFINITIONS.deadLetters], [consumer]);
    gateway = await startServiceInProcess({
      ...gatewayService,
      env: {
        ...serviceTestEnv(ns.value, uniqueDatabaseName('gwdl')),
        API_BOOTSTRAP_KEY: ADMIN_KEY,
      },
    });
    const created = await fetch(`${gateway.url}/v1/api-keys`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', scopes: ['read'] }),
    });
    readKey = ((await created.json()) as { token: string }).token;

    // The runner refuses every article (a poison handler), so each one becomes a dead letter.
    runner = new ConsumerRunner({
      nc,
      namespace: ns,
      consumer,
      contracts: [ArticleIngestedV1],
      concurrency: 2,
      logger: silent,
      pullExpiresMs: 1_000,
      handler: async () => {
        throw new PermanentError('test.poison', 'poison article for the test');
      },
    });
    await runner.start();
    const js = jetstream(nc);
    for (let i = 0; i < POISON; i += 1) {
      const h = natsHeaders();
      h.set(HEADERS.correlationId, `corr-dl-${i}`);
      await js.publish(
        ns.subject(ArticleIngestedV1.subject),
        JSON.stringify({ poison: i, text: '<script>x</script>' }),
        {
          msgID: `poison-${i}`,
          headers: h,
        },
      );
    }
    await js.publish(ns.subject(ArticleIngestedV1.subject), '{broken', { msgID: 'broken' });
    await waitFor(
      async () => {
        const jsm = await js.jetstreamManager();
        const info = await jsm.streams.info(ns.stream(STREAM_DEFINITIONS.deadLetters.name));
        return info.state.messages === POISON + 1 ? true : undefined;
      },
      { what: 'the dead letters' },
    );
    await runner.stop({ drainTimeoutMs: 1_000 });
  });

  afterAll(async () => {
    await runner?.stop({ drainTimeoutMs: 100 });
    await gateway?.close();
    await nc?.close();
  });

  it('lists every dead letter with its reason to a read key, in the agreed shape', async () => {
    const res = await call('/v1/dead-letters', { key: readKey });
    expect(res.status).toBe(200);
    const page = (await res.json()) as DeadLetterPage;
    expect(page.nextCursor).toBeNull();
    expect(page.deadLetters).toHaveLength(POISON + 1);
    for (const letter of page.deadLetters) {
      expect(Object.keys(letter).sort()).toEqual(
        ['code', 'consumer', 'deadLetteredAt', 'deliveryCount', 'payloadPreview', 'reason', 'seq', 'subject'].sort(),
      );
      expect(letter).toMatchObject({ consumer: 'entity-articles', subject: 'article.ingested.v1', deliveryCount: 1 });
    }
    const codes = page.deadLetters.map((l) => l.code).sort();
    expect(codes).toEqual([...Array(POISON).fill('messaging.invalid_payload'), 'messaging.invalid_json'].sort());
    expect(page.deadLetters.find((l) => l.code === 'messaging.invalid_json')?.payloadPreview).toBe('{broken');
  });

  it('pages with the cursor and filters by consumer and subject', async () => {
    const seen: DeadLetterView[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: DeadLetterPage = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.deadLetters);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen.map((l) => l.seq)).toEqual((await list()).deadLetters.map((l) => l.seq));
    expect((await list('?consumer=entity-articles')).deadLetters).toHaveLength(POISON + 1);
    expect((await list('?consumer=trends-analysis')).deadLetters).toEqual([]);
    expect((await list('?subject=article.ingested.v1')).deadLetters).toHaveLength(POISON + 1);
    expect((await list('?subject=article.sentiment.v1')).deadLetters).toEqual([]);
  });

  it('refuses bad queries and sequences with a 400 and the error shape', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?cursor=-1', '?cursor=1e9', '?consumer=Bad Name', '?unknown=1']) {
      const res = await call(`/v1/dead-letters${query}`);
      expect({
        query,
        status: res.status,
        code: ((await res.json()) as { error: { code: string } }).error.code,
      }).toEqual({ query, status: 400, code: 'gateway.invalid_query' });
    }
    for (const seq of ['0', 'abc', '-3', '1.5', '99999999999999999999']) {
      const res = await call(`/v1/dead-letters/${seq}/replay`, { method: 'POST' });
      expect({ seq, status: res.status }).toEqual({ seq, status: 400 });
    }
  });

  it('replays and purges only with the admin scope', async () => {
    const [letter] = (await list()).deadLetters;
    for (const [path, method] of [
      [`/v1/dead-letters/${letter?.seq}/replay`, 'POST'],
      [`/v1/dead-letters/${letter?.seq}`, 'DELETE'],
    ] as const) {
      const res = await call(path, { method, key: readKey });
      expect(res.status).toBe(403);
    }
  });

  it('replays the original message once even when asked twice, with its original headers', async () => {
    const letter = (await list()).deadLetters.find((l) => l.code === 'messaging.invalid_payload');
    if (!letter) throw new Error('no letter');
    const before = await articleMessages();
    const first = await call(`/v1/dead-letters/${letter.seq}/replay`, { method: 'POST' });
    expect(first.status).toBe(200);
    const outcome = (await first.json()) as { msgId: string; duplicate: boolean; streamSequence: number };
    expect(outcome).toMatchObject({ msgId: `replay:${letter.seq}`, duplicate: false, subject: 'article.ingested.v1' });
    const second = (await (await call(`/v1/dead-letters/${letter.seq}/replay`, { method: 'POST' })).json()) as {
      duplicate: boolean;
      streamSequence: number;
    };
    expect(second).toMatchObject({ duplicate: true, streamSequence: outcome.streamSequence });
    expect(await articleMessages()).toBe(before + 1);
    const jsm = await jetstream(nc).jetstreamManager();
    const stored = await jsm.streams.getMessage(ns.stream(STREAM_DEFINITIONS.articles.name), {
      seq: outcome.streamSequence,
    });
    expect(stored?.subject).toBe(ns.subject('article.ingested.v1'));
    expect(stored?.string()).toBe(letter.payloadPreview);
    expect(headersToRecord(stored?.header)).toMatchObject({
      [HEADERS.correlationId]: expect.stringMatching(/^corr-dl-\d$/),
      'x-replay-of': String(letter.seq),
    });
  });

  it('purges a dead letter, and answers 404 for one that is gone', async () => {
    const [letter] = (await list()).deadLetters;
    if (!letter) throw new Error('no letter');
    expect((await call(`/v1/dead-letters/${letter.seq}`, { method: 'DELETE' })).status).toBe(204);
    const again = await call(`/v1/dead-letters/${letter.seq}`, { method: 'DELETE' });
    expect({ status: again.status, body: await again.json() }).toMatchObject({
      status: 404,
      body: { error: { code: 'deadletter.not_found' } },
    });
    const replay = await call(`/v1/dead-letters/${letter.seq}/replay`, { method: 'POST' });
    expect(replay.status).toBe(404);
    expect((await list()).deadLetters.map((l) => l.seq)).not.toContain(letter.seq);
  });
});
