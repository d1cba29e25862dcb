import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Inject, Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HEADERS, type ConsumerDefinition, type Namespace } from '@media-monitor/contracts';
import {
  ItemCountQueryV1,
  ItemCreatedV1,
  ItemUpdatedV1,
  TEST_STREAMS,
  capturingLogger,
  consumerBacklog,
  itemsConsumer,
  readDeadLetters,
} from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace, waitFor } from '@media-monitor/testing';
import { currentCorrelationId } from '../correlation/correlation.context.js';
import { MessagingError, PermanentError } from '../errors/messaging.errors.js';
import { EventPublisher } from '../publish/event.publisher.js';
import { QueryClient } from '../query/query.client.js';
import { OnEvent, OnQuery } from './contract-handlers.decorator.js';
import { JetStreamExceptionFilter } from './jetstream-exception.filter.js';
import type { JetStreamContext } from './jetstream.context.js';
import { JetStreamTransport, type JetStreamTransportOptions } from './jetstream.transport.js';
import { MessagingModule } from './messaging.module.js';
import { NATS_CONNECTION } from './messaging.tokens.js';

const RECORDER = Symbol('recorder');

interface Recorder {
  created: Array<{ id: string; subject: string; deliveryCount: number; correlationId?: string }>;
  updated: string[];
}

@Controller()
class ItemsController {
  constructor(@Inject(RECORDER) private readonly recorder: Recorder) {}

  @OnEvent(ItemCreatedV1)
  async onCreated(@Payload() event: { id: string; n: number }, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (event.n < 0) throw new PermanentError('items.negative', `item ${event.id} has a negative n`);
    this.recorder.created.push({
      id: event.id,
      subject: ctx.getSubject(),
      deliveryCount: ctx.getDeliveryCount(),
      correlationId: currentCorrelationId(),
    });
  }

  @OnEvent(ItemUpdatedV1) // the contract-based shorthand, pinned to JETSTREAM_TRANSPORT
  async onUpdated(@Payload() event: { id: string; status: string }): Promise<void> {
    this.recorder.updated.push(`${event.id}:${event.status}`);
  }

  @OnQuery(ItemCountQueryV1)
  count(@Payload() request: { prefix: string }): { prefix: string; count: number } {
    if (request.prefix === 'boom') throw new MessagingError('items.boom', 'cannot count boom');
    return {
      prefix: request.prefix,
      count: this.recorder.created.filter((c) => c.id.startsWith(request.prefix)).length,
    };
  }
}

@Module({})
class ItemsModule {
  static with(recorder: Recorder, imports: DynamicModule[] = []): DynamicModule {
    return {
      module: ItemsModule,
      imports,
      controllers: [ItemsController],
      providers: [{ provide: RECORDER, useValue: recorder }],
    };
  }
}

const bothSubjects = (overrides: Partial<ConsumerDefinition> = {}) =>
  itemsConsumer({ filterSubjects: [ItemCreatedV1.subject, ItemUpdatedV1.subject], ...overrides });

describe('JetStreamTransport in a Nest microservice', () => {
  let nc: NatsConnection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await nc.close();
  });

  function transportOptions(ns: Namespace, consumer: ConsumerDefinition): JetStreamTransportOptions {
    return {
      nc,
      namespace: ns,
      consumers: [{ definition: consumer, concurrency: 2, backoffMs: [50] }],
      events: [ItemCreatedV1, ItemUpdatedV1],
      queries: [ItemCountQueryV1],
      queueGroup: 'items',
      provision: { streams: TEST_STREAMS },
      logger: capturingLogger(),
      drainTimeoutMs: 1_000,
      pullExpiresMs: 1_000,
    };
  }

  async function startApp(
    transport: JetStreamTransport,
    recorder: Recorder,
    withFilter = true,
  ): Promise<INestMicroservice> {
    const created = await NestFactory.createMicroservice(ItemsModule.with(recorder), {
      strategy: transport,
      logger: false,
    });
    if (withFilter) created.useGlobalFilters(new JetStreamExceptionFilter());
    await created.listen();
    app = created;
    return created;
  }

  it('dispatches each subject of a consumer to its @EventPattern handler and answers @MessagePattern queries', async () => {
    const ns = uniqueNamespace();
    const recorder: Recorder = { created: [], updated: [] };
    const transport = new JetStreamTransport(transportOptions(ns, bothSubjects()));
    await startApp(transport, recorder);
    const publisher = new EventPublisher(nc, ns, { producer: 'test' });

    await publisher.publish(ItemCreatedV1, { id: 'n1', n: 1 }, { msgId: 'n1', correlationId: 'corr-nest' });
    await publisher.publish(ItemUpdatedV1, { id: 'n1', status: 'done' }, { msgId: 'n1-u' });
    await waitFor(() => (recorder.created.length === 1 && recorder.updated.length === 1 ? true : undefined), {
      what: 'both handlers',
    });
    expect(recorder.created[0]).toEqual({
      id: 'n1',
      subject: ItemCreatedV1.subject,
      deliveryCount: 1,
      correlationId: 'corr-nest',
    });
    expect(recorder.updated).toEqual(['n1:done']);
    await waitFor(async () => ((await consumerBacklog(nc, ns, bothSubjects())) === 0 ? true : undefined), {
      what: 'acks',
    });

    const client = new QueryClient(nc, ns);
    expect(await client.request(ItemCountQueryV1, { prefix: 'n' })).toEqual({ prefix: 'n', count: 1 });
    await expect(client.request(ItemCountQueryV1, { prefix: 'boom' })).rejects.toMatchObject({ code: 'items.boom' });

    expect(transport.health()).toEqual({
      connected: true,
      consumers: [{ durable: 'items-worker', running: true, inFlight: 0 }],
    });
  });

  it('sends a PermanentError thrown in a Nest handler to the dead-letter stream at once', async () => {
    const ns = uniqueNamespace();
    const recorder: Recorder = { created: [], updated: [] };
    await startApp(new JetStreamTransport(transportOptions(ns, bothSubjects())), recorder);
    const publisher = new EventPublisher(nc, ns, { producer: 'test' });
    await publisher.publish(ItemCreatedV1, { id: 'neg', n: -1 }, { msgId: 'neg' });

    const [letter] = await waitFor(async () => {
      const letters = await readDeadLetters(nc, ns);
      return letters.length === 1 ? letters : undefined;
    });
    expect(letter?.headers).toMatchObject({
      [HEADERS.deadLetterCode]: 'items.negative',
      [HEADERS.deadLetterReason]: 'item neg has a negative n',
      [HEADERS.deliveryCount]: '1',
      [HEADERS.originalSubject]: ItemCreatedV1.subject,
    });
  });

  it('without the exception filter still never loses the message: it is retried, then dead-lettered', async () => {
    const ns = uniqueNamespace();
    const consumer = bothSubjects({ maxDeliver: 2 });
    const recorder: Recorder = { created: [], updated: [] };
    await startApp(new JetStreamTransport(transportOptions(ns, consumer)), recorder, false);
    const publisher = new EventPublisher(nc, ns, { producer: 'test' });
    await publisher.publish(ItemCreatedV1, { id: 'neg', n: -1 }, { msgId: 'neg' });

    const [letter] = await waitFor(async () => {
      const letters = await readDeadLetters(nc, ns);
      return letters.length === 1 ? letters : undefined;
    });
    expect(letter?.headers[HEADERS.deadLetterCode]).toBe('messaging.max_deliver_reached');
    expect(letter?.headers[HEADERS.deliveryCount]).toBe('2');
  });

  it('refuses to listen when a consumed subject has no handler', async () => {
    const ns = uniqueNamespace();
    const consumer = itemsConsumer({ filterSubjects: [ItemCreatedV1.subject, 'test.orphan.v1'] });
    const transport = new JetStreamTransport(transportOptions(ns, consumer));
    const created = await NestFactory.createMicroservice(ItemsModule.with({ created: [], updated: [] }), {
      strategy: transport,
      logger: false,
    });
    await expect(created.listen()).rejects.toMatchObject({ code: 'messaging.invalid_transport_config' });
    await created.close();
  });

  it('works with MessagingModule: injected connection, publisher and client, connection drained on close', async () => {
    const ns = uniqueNamespace();
    const recorder: Recorder = { created: [], updated: [] };
    const messaging = MessagingModule.forRootAsync({
      useFactory: () => ({ nats: { servers: testNatsUrl(), name: 'nest-test' }, namespace: ns, producer: 'nest-test' }),
    });
    let transport: JetStreamTransport | undefined;
    const created = await NestFactory.createMicroservice(ItemsModule.with(recorder, [messaging]), {
      logger: false,
      inject: [NATS_CONNECTION],
      useFactory: (connection: NatsConnection) => {
        transport = new JetStreamTransport({ ...transportOptions(ns, bothSubjects()), nc: connection });
        return { strategy: transport };
      },
    });
    created.useGlobalFilters(new JetStreamExceptionFilter());
    await created.listen();
    app = created;

    const publisher = created.get(EventPublisher);
    await publisher.publish(ItemCreatedV1, { id: 'm1', n: 1 }, { msgId: 'm1' });
    await waitFor(() => (recorder.created.length === 1 ? true : undefined), { what: 'the handler' });
    expect(await created.get(QueryClient).request(ItemCountQueryV1, { prefix: 'm' })).toEqual({
      prefix: 'm',
      count: 1,
    });
    expect(transport?.health().connected).toBe(true);

    const connection = created.get<NatsConnection>(NATS_CONNECTION);
    await created.close();
    app = undefined;
    expect(connection.isClosed()).toBe(true);
  });
});
