import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { HEADERS, type ConsumerDefinition, type Namespace } from '@media-monitor/contracts';
import {
  ItemCreatedV1,
  TEST_STREAMS,
  capturingLogger,
  consumerBacklog,
  itemsConsumer,
  readDeadLetters,
} from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace, waitFor } from '@media-monitor/testing';
import { currentCorrelationId } from '../correlation/correlation.context.js';
import { PermanentError } from '../errors/messaging.errors.js';
import { MessagingMetrics } from '../metrics/messaging.metrics.js';
import { EventPublisher } from '../publish/event.publisher.js';
import { provisionTopology } from '../topology/provision-topology.js';
import { ConsumerRunner, type ConsumerRunnerOptions } from './consumer.runner.js';
import type { MessageContext } from './message-context.js';

describe('ConsumerRunner', () => {
  let nc: NatsConnection;
  const runners: ConsumerRunner[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop({ drainTimeoutMs: 100 })));
  });

  afterAll(async () => {
    await nc.close();
  });

  async function setup(
    consumer: ConsumerDefinition = itemsConsumer(),
  ): Promise<{ ns: Namespace; publisher: EventPublisher }> {
    const ns = uniqueNamespace();
    await provisionTopology(nc, ns, TEST_STREAMS, [consumer]);
    return { ns, publisher: new EventPublisher(nc, ns, { producer: 'test' }) };
  }

  async function startRunner(
    options: Partial<ConsumerRunnerOptions> & Pick<ConsumerRunnerOptions, 'namespace' | 'handler'>,
  ) {
    const runner = new ConsumerRunner({
      nc,
      consumer: itemsConsumer(),
      contracts: [ItemCreatedV1],
      concurrency: 2,
      backoffMs: [50, 100],
      logger: capturingLogger(),
      pullExpiresMs: 1_000,
      ...options,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  it('records the effect of a handler that fails twice exactly once and acks it', async () => {
    const { ns, publisher } = await setup();
    const metrics = new MessagingMetrics(new Registry());
    const effects: string[] = [];
    const attempts: MessageContext[] = [];
    let seenCorrelation: string | undefined;
    await startRunner({
      namespace: ns,
      metrics,
      handler: async (event, ctx) => {
        attempts.push(ctx);
        if (ctx.deliveryCount < 3) throw new Error(`flaky ${ctx.deliveryCount}`);
        seenCorrelation = currentCorrelationId();
        effects.push((event as { id: string }).id);
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 'x', n: 1 }, { msgId: 'x', correlationId: 'corr-x' });

    await waitFor(() => (effects.length === 1 ? true : undefined), { what: 'the third attempt' });
    await waitFor(async () => ((await consumerBacklog(nc, ns, itemsConsumer())) === 0 ? true : undefined), {
      what: 'the ack',
    });
    await sleep(300); // longer than every backoff: a missing ack would show up as another attempt
    expect(effects).toEqual(['x']);
    expect(attempts.map((ctx) => ctx.deliveryCount)).toEqual([1, 2, 3]);
    expect(attempts[0]).toMatchObject({ subject: ItemCreatedV1.subject, correlationId: 'corr-x', streamSequence: 1 });
    expect(attempts[0]?.headers[HEADERS.producer]).toBe('test');
    expect(seenCorrelation).toBe('corr-x');
    const value = async (metric: { get(): Promise<{ values: Array<{ value: number }> }> }) =>
      (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(await value(metrics.redelivered)).toBe(2);
    expect(await value(metrics.failed)).toBe(2);
    expect(await value(metrics.processed)).toBe(1);
    expect(await value(metrics.deadLettered)).toBe(0);
  });

  it('dead-letters bad JSON and schema-invalid messages with reason and original headers, without redelivery', async () => {
    const { ns } = await setup();
    const handled: unknown[] = [];
    await startRunner({ namespace: ns, handler: async (event) => void handled.push(event) });
    const js = jetstream(nc);
    const subject = ns.subject(ItemCreatedV1.subject);
    const original = () => {
      const h = natsHeaders();
      h.set(HEADERS.correlationId, 'corr-bad');
      h.set('x-custom', 'keep-me');
      return h;
    };
    await js.publish(subject, '{not json', { msgID: 'bad-json', headers: original() });
    await js.publish(subject, JSON.stringify({ id: 'y', n: 'NaN' }), { msgID: 'bad-schema', headers: original() });

    const letters = await waitFor(async () => {
      const found = await readDeadLetters(nc, ns);
      return found.length === 2 ? found : undefined;
    });
    expect(letters.map((l) => l.headers[HEADERS.deadLetterCode]).sort()).toEqual([
      'messaging.invalid_json',
      'messaging.invalid_payload',
    ]);
    for (const letter of letters) {
      expect(letter.subject).toBe(ns.subject('deadletter.items-worker'));
      expect(letter.headers).toMatchObject({
        [HEADERS.correlationId]: 'corr-bad',
        'x-custom': 'keep-me',
        [HEADERS.originalSubject]: ItemCreatedV1.subject,
        [HEADERS.originalStream]: 'ITEMS',
        [HEADERS.originalConsumer]: 'items-worker',
        [HEADERS.deliveryCount]: '1',
      });
      expect(letter.headers[HEADERS.deadLetterReason]).toBeTruthy();
      expect(letter.headers[HEADERS.msgId]).toBe(
        `${ns.stream('ITEMS')}:${letter.headers[HEADERS.originalSequence]}:${ns.durable(itemsConsumer().durable)}`,
      );
    }
    expect(letters.find((l) => l.headers[HEADERS.deadLetterCode] === 'messaging.invalid_json')?.data).toBe('{not json');
    await waitFor(async () => ((await consumerBacklog(nc, ns, itemsConsumer())) === 0 ? true : undefined), {
      what: 'term',
    });
    await sleep(300);
    expect(handled).toEqual([]);
    expect(await readDeadLetters(nc, ns)).toHaveLength(2);
  });

  it('dead-letters a message of a subject without contract', async () => {
    const consumer = itemsConsumer({ filterSubjects: [ItemCreatedV1.subject, 'test.unknown.v1'] });
    const { ns } = await setup(consumer);
    await startRunner({ namespace: ns, consumer, handler: async () => undefined });
    await jetstream(nc).publish(ns.subject('test.unknown.v1'), '{}');
    const [letter] = await waitFor(async () => {
      const found = await readDeadLetters(nc, ns);
      return found.length === 1 ? found : undefined;
    });
    expect(letter?.headers[HEADERS.deadLetterCode]).toBe('messaging.no_contract');
    expect(letter?.headers[HEADERS.deadLetterReason]).toContain('no contract/handler');
  });

  it('dead-letters at once when the handler throws a PermanentError', async () => {
    const { ns, publisher } = await setup();
    let calls = 0;
    await startRunner({
      namespace: ns,
      handler: async () => {
        calls++;
        throw new PermanentError('items.rejected', 'item cannot be processed');
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 'p', n: 1 }, { msgId: 'p' });
    const [letter] = await waitFor(async () => {
      const found = await readDeadLetters(nc, ns);
      return found.length === 1 ? found : undefined;
    });
    expect(letter?.headers).toMatchObject({
      [HEADERS.deadLetterCode]: 'items.rejected',
      [HEADERS.deadLetterReason]: 'item cannot be processed',
      [HEADERS.deliveryCount]: '1',
    });
    await waitFor(async () => ((await consumerBacklog(nc, ns, itemsConsumer())) === 0 ? true : undefined), {
      what: 'term',
    });
    await sleep(200);
    expect(calls).toBe(1);
  });

  it('dead-letters a message that always fails after maxDeliver attempts', async () => {
    const consumer = itemsConsumer({ maxDeliver: 3 });
    const { ns, publisher } = await setup(consumer);
    const deliveries: number[] = [];
    await startRunner({
      namespace: ns,
      consumer,
      handler: async (_event, ctx) => {
        deliveries.push(ctx.deliveryCount);
        throw new Error('downstream unavailable');
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 'f', n: 1 }, { msgId: 'f' });
    const [letter] = await waitFor(async () => {
      const found = await readDeadLetters(nc, ns);
      return found.length === 1 ? found : undefined;
    });
    expect(letter?.headers[HEADERS.deadLetterCode]).toBe('messaging.max_deliver_reached');
    expect(letter?.headers[HEADERS.deadLetterReason]).toContain('downstream unavailable');
    expect(letter?.headers[HEADERS.deliveryCount]).toBe('3');
    await waitFor(async () => ((await consumerBacklog(nc, ns, consumer)) === 0 ? true : undefined), { what: 'term' });
    await sleep(200);
    expect(deliveries).toEqual([1, 2, 3]);
  });

  it('never runs more than `concurrency` handlers at once', async () => {
    const { ns, publisher } = await setup();
    let running = 0;
    let maxRunning = 0;
    const done: string[] = [];
    await startRunner({
      namespace: ns,
      concurrency: 3,
      handler: async (event) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(40);
        running--;
        done.push((event as { id: string }).id);
      },
    });
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => publisher.publish(ItemCreatedV1, { id: `c${i}`, n: i }, { msgId: `c${i}` })),
    );
    await waitFor(() => (done.length === 15 ? true : undefined), { what: 'all handlers' });
    expect(maxRunning).toBeLessThanOrEqual(3);
    expect(maxRunning).toBeGreaterThan(1);
    expect(new Set(done).size).toBe(15);
  });

  it('stop() lets an in-flight handler finish and acks it before resolving', async () => {
    const { ns, publisher } = await setup();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const runner = await startRunner({
      namespace: ns,
      handler: async () => {
        started = true;
        await released;
        finished = true;
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 'd', n: 1 }, { msgId: 'd' });
    await waitFor(() => (started ? true : undefined), { what: 'the handler to start' });
    expect(runner.status()).toMatchObject({ durable: 'items-worker', running: true, inFlight: 1 });

    const stopping = runner.stop({ drainTimeoutMs: 5_000 });
    setTimeout(release, 100);
    await stopping;
    expect(finished).toBe(true);
    expect(runner.status()).toMatchObject({ running: false, inFlight: 0 });
    expect(await consumerBacklog(nc, ns, itemsConsumer())).toBe(0);
  });

  it('leaves a handler running past the drain timeout unacknowledged, so another runner gets it', async () => {
    const consumer = itemsConsumer({ ackWaitMs: 1_000 });
    const { ns, publisher } = await setup(consumer);
    let stuckStarted = false;
    const first = await startRunner({
      namespace: ns,
      consumer,
      handler: async () => {
        stuckStarted = true;
        await new Promise(() => undefined); // never settles
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 's', n: 1 }, { msgId: 's' });
    await waitFor(() => (stuckStarted ? true : undefined), { what: 'the stuck handler' });
    await first.stop({ drainTimeoutMs: 100 });

    const redelivered: MessageContext[] = [];
    await startRunner({ namespace: ns, consumer, handler: async (_event, ctx) => void redelivered.push(ctx) });
    await waitFor(() => (redelivered.length === 1 ? true : undefined), { what: 'the redelivery' });
    expect(redelivered[0]?.deliveryCount).toBe(2);
    await waitFor(async () => ((await consumerBacklog(nc, ns, consumer)) === 0 ? true : undefined), {
      what: 'the ack',
    });
  });

  it('keeps a long handler alive with working() beyond the ack wait', async () => {
    const consumer = itemsConsumer({ ackWaitMs: 600 });
    const { ns, publisher } = await setup(consumer);
    const deliveries: number[] = [];
    await startRunner({
      namespace: ns,
      consumer,
      handler: async (_event, ctx) => {
        deliveries.push(ctx.deliveryCount);
        await sleep(1_500);
      },
    });
    await publisher.publish(ItemCreatedV1, { id: 'l', n: 1 }, { msgId: 'l' });
    await waitFor(async () => ((await consumerBacklog(nc, ns, consumer)) === 0 ? true : undefined), {
      what: 'the ack',
    });
    expect(deliveries).toEqual([1]);
  });

  it('reports pending messages from the consumer info', async () => {
    const { ns, publisher } = await setup();
    await publisher.publish(ItemCreatedV1, { id: 'q1', n: 1 }, { msgId: 'q1' });
    await publisher.publish(ItemCreatedV1, { id: 'q2', n: 2 }, { msgId: 'q2' });
    const runner = new ConsumerRunner({
      nc,
      namespace: ns,
      consumer: itemsConsumer(),
      contracts: [ItemCreatedV1],
      concurrency: 1,
      handler: async () => undefined,
    });
    expect(await runner.pending()).toBe(2);
  });
});
