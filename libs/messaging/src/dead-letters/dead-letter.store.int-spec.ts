import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { HEADERS, type Namespace } from '@media-monitor/contracts';
import { testNatsUrl, uniqueNamespace, waitFor } from '@media-monitor/testing';
import {
  ItemCreatedV1,
  TEST_STREAMS,
  capturingLogger,
  itemsConsumer,
  readDeadLetters,
  readStream,
} from '../../test/fixtures.js';
import { ConsumerRunner } from '../consumer/consumer.runner.js';
import { PermanentError } from '../errors/messaging.errors.js';
import { provisionTopology } from '../topology/provision-topology.js';
import { DeadLetterStore, REPLAY_OF_HEADER } from './dead-letter.store.js';

describe('DeadLetterStore (real JetStream, letters made by a real ConsumerRunner)', () => {
  let nc: NatsConnection;
  const runners: ConsumerRunner[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop({ drainTimeoutMs: 100 })));
  });
  afterAll(async () => {
    await nc.close();
  });

  /** Publishes `bad` poison messages (refused by a handler) and `invalid` bad-JSON ones; waits for their letters. */
  async function withLetters(bad: number, invalid: number): Promise<{ ns: Namespace; store: DeadLetterStore }> {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, [itemsConsumer()]);
    const runner = new ConsumerRunner({
      nc,
      namespace: ns,
      consumer: itemsConsumer(),
      contracts: [ItemCreatedV1],
      concurrency: 1,
      backoffMs: [50],
      logger: capturingLogger(),
      pullExpiresMs: 1_000,
      handler: async (event) => {
        if ((event as { n: number }).n < 0) throw new PermanentError('test.negative', 'n must not be negative');
      },
    });
    runners.push(runner);
    await runner.start();
    const js = jetstream(nc);
    for (let i = 0; i < bad; i += 1) {
      const h = natsHeaders();
      h.set(HEADERS.correlationId, `corr-${i}`);
      h.set('x-custom', `keep-${i}`);
      await js.publish(ns.subject(ItemCreatedV1.subject), JSON.stringify({ id: `bad-${i}`, n: -1 }), {
        msgID: `bad-${i}`,
        headers: h,
      });
    }
    for (let i = 0; i < invalid; i += 1) {
      await js.publish(ns.subject(ItemCreatedV1.subject), `{not json ${i}`, { msgID: `invalid-${i}` });
    }
    await waitFor(async () => ((await readDeadLetters(nc, ns)).length === bad + invalid ? true : undefined), {
      what: 'the dead letters',
    });
    await runner.stop({ drainTimeoutMs: 100 });
    return { ns, store: new DeadLetterStore(nc, ns) };
  }

  it('lists letters with consumer, subject, reason, code, delivery count and payload preview', async () => {
    const { store } = await withLetters(2, 1);
    const page = await store.list({ limit: 10 });
    expect(page.nextCursor).toBeNull();
    expect(page.deadLetters).toHaveLength(3);
    const refused = page.deadLetters.filter((l) => l.code === 'test.negative');
    expect(refused).toHaveLength(2);
    expect(refused[0]).toEqual({
      seq: expect.any(Number),
      consumer: 'items-worker',
      subject: ItemCreatedV1.subject,
      reason: 'n must not be negative',
      code: 'test.negative',
      deadLetteredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      deliveryCount: 1,
      payloadPreview: expect.stringMatching(/^\{"id":"bad-\d","n":-1\}$/),
    });
    expect(page.deadLetters.find((l) => l.code === 'messaging.invalid_json')?.payloadPreview).toBe('{not json 0');
  });

  it('pages by stream sequence with a cursor and filters by consumer and subject', async () => {
    const { store } = await withLetters(5, 0);
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.deadLetters.map((l) => l.seq));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBe(3);
    expect((await store.list({ limit: 10, consumer: 'items-worker' })).deadLetters).toHaveLength(5);
    expect((await store.list({ limit: 10, consumer: 'someone-else' })).deadLetters).toEqual([]);
    expect((await store.list({ limit: 10, subject: ItemCreatedV1.subject })).deadLetters).toHaveLength(5);
    expect((await store.list({ limit: 10, subject: 'test.other.v1' })).deadLetters).toEqual([]);
  });

  it('replays the original payload and headers to the original subject once, however often it is asked', async () => {
    const { ns, store } = await withLetters(1, 0);
    const [letter] = (await store.list({ limit: 1 })).deadLetters;
    if (!letter) throw new Error('no letter');
    const before = (await readStream(nc, ns.stream('ITEMS'))).length;
    const first = await store.replay(letter.seq);
    const second = await store.replay(letter.seq);
    expect(first).toMatchObject({ seq: letter.seq, subject: ItemCreatedV1.subject, msgId: `replay:${letter.seq}` });
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, streamSequence: first.streamSequence });
    const items = await readStream(nc, ns.stream('ITEMS'));
    expect(items).toHaveLength(before + 1);
    const replayed = items.at(-1);
    expect(replayed?.subject).toBe(ns.subject(ItemCreatedV1.subject));
    expect(replayed?.data).toBe('{"id":"bad-0","n":-1}');
    expect(replayed?.headers).toMatchObject({
      [HEADERS.correlationId]: 'corr-0',
      'x-custom': 'keep-0',
      [REPLAY_OF_HEADER]: String(letter.seq),
      [HEADERS.msgId]: `replay:${letter.seq}`,
    });
    for (const gone of [HEADERS.deadLetterReason, HEADERS.deadLetterCode, HEADERS.originalSubject]) {
      expect(replayed?.headers).not.toHaveProperty(gone);
    }
  });

  it('purges a letter from the stream, and says when there is none', async () => {
    const { store } = await withLetters(2, 0);
    const [first, second] = (await store.list({ limit: 10 })).deadLetters;
    if (!first || !second) throw new Error('no letters');
    expect(await store.purge(first.seq)).toBe(true);
    expect(await store.purge(first.seq)).toBe(false);
    expect(await store.get(first.seq)).toBeUndefined();
    expect((await store.list({ limit: 10 })).deadLetters.map((l) => l.seq)).toEqual([second.seq]);
    await expect(store.replay(first.seq)).rejects.toMatchObject({ code: 'deadletter.not_found' });
    expect(await store.purge(999_999)).toBe(false);
  });
});
