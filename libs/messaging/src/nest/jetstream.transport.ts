import { EventEmitter } from 'node:events';
import { Server, type CustomTransportStrategy, type MessageHandler as NestMessageHandler } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { finalize, isObservable, lastValueFrom, type Observable } from 'rxjs';
import type {
  ConsumerDefinition,
  EventContract,
  Namespace,
  QueryContract,
  StreamDefinition,
} from '@media-monitor/contracts';
import { ConsumerRunner, type ConsumerStatus } from '../consumer/consumer.runner.js';
import type { MessageContext } from '../consumer/message-context.js';
import { MessagingError, PermanentError } from '../errors/messaging.errors.js';
import type { MessagingLogger } from '../logging/messaging-logger.js';
import type { MessagingMetrics } from '../metrics/messaging.metrics.js';
import { QueryResponder, type QueryContext } from '../query/query.responder.js';
import { provisionTopology } from '../topology/provision-topology.js';
import { JetStreamContext } from './jetstream.context.js';
import { nestLoggerAdapter } from './nest-logger.adapter.js';
import { QueryRpcContext } from './query-rpc.context.js';

/** Transport id of JetStreamTransport; pass it to `@EventPattern(subject, JETSTREAM_TRANSPORT)` to pin a handler. */
export const JETSTREAM_TRANSPORT: unique symbol = Symbol.for('media-monitor.jetstream-transport');

export interface JetStreamConsumerBinding {
  definition: ConsumerDefinition;
  /** Most handlers of this consumer running at once (default 1). */
  concurrency?: number;
  /** Nak delays in milliseconds by delivery count (ConsumerRunner default when absent). */
  backoffMs?: number[];
}

export interface JetStreamTransportOptions {
  /** A connection, or a factory called by `listen()`; the transport never closes it. */
  nc: NatsConnection | (() => Promise<NatsConnection>);
  namespace: Namespace;
  consumers: JetStreamConsumerBinding[];
  /** Event contracts: the schema of every subject the consumers receive. */
  events: EventContract[];
  /** Query contracts answered by `@MessagePattern` handlers. */
  queries?: QueryContract[];
  /** Logical queue group of the query responders (required when a query handler exists). */
  queueGroup?: string;
  /** Streams (and the consumers above) to create or update on `listen()`. */
  provision?: { streams: StreamDefinition[] };
  logger?: MessagingLogger;
  metrics?: MessagingMetrics;
  /** How long `close()` waits for in-flight handlers, in milliseconds (default 30000). */
  drainTimeoutMs?: number;
  /** Pull request expiry of the runners, in milliseconds (ConsumerRunner default when absent). */
  pullExpiresMs?: number;
}

export type JetStreamTransportStatus = 'connected' | 'disconnected' | 'reconnecting';

export interface JetStreamTransportHealth {
  connected: boolean;
  consumers: ConsumerStatus[];
}

type TransportEvents = Record<JetStreamTransportStatus, (server?: string) => void>;

/**
 * NestJS custom transport: `@EventPattern(Contract.subject)` handlers are fed by one ConsumerRunner per
 * durable consumer (validated payload via `@Payload()`, a JetStreamContext via `@Ctx()`), and
 * `@MessagePattern(Query.subject)` handlers answer core-NATS queries through QueryResponders.
 */
export class JetStreamTransport
  extends Server<TransportEvents, JetStreamTransportStatus>
  implements CustomTransportStrategy
{
  override transportId = JETSTREAM_TRANSPORT;
  /** Handler failures come back to the runner (which naks or dead-letters), so Nest must not log them twice. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly events = new EventEmitter();
  private readonly log: MessagingLogger;
  private nc: NatsConnection | undefined;
  private runners: ConsumerRunner[] = [];
  private responders: QueryResponder[] = [];
  private statusIterator: AsyncIterable<unknown> | undefined;
  private connected = false;

  constructor(private readonly options: JetStreamTransportOptions) {
    super();
    this.log = options.logger ?? nestLoggerAdapter(JetStreamTransport.name);
  }

  /** Provisions (if asked), then starts the query responders and one ConsumerRunner per consumer. */
  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }

  /** Stops the runners (draining in-flight handlers) and the responders; the connection stays open. */
  async close(): Promise<void> {
    const runners = this.runners;
    const responders = this.responders;
    this.runners = [];
    this.responders = [];
    const drainTimeoutMs = this.options.drainTimeoutMs ?? 30_000;
    await Promise.all([
      ...runners.map((runner) => runner.stop({ drainTimeoutMs })),
      ...responders.map((responder) => responder.stop()),
    ]);
    (this.statusIterator as { stop?: () => void } | undefined)?.stop?.();
    this.statusIterator = undefined;
    this.events.removeAllListeners();
  }

  /** Readiness: the connection state and every consumer's status. */
  health(): JetStreamTransportHealth {
    return {
      connected: this.nc !== undefined && !this.nc.isClosed() && this.connected,
      consumers: this.runners.map((runner) => runner.status()),
    };
  }

  on<K extends keyof TransportEvents>(event: K, callback: TransportEvents[K]): void {
    this.events.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.nc) throw new Error('JetStreamTransport is not listening yet: call listen() first');
    return this.nc as T;
  }

  private async start(): Promise<void> {
    const { options } = this;
    const nc = typeof options.nc === 'function' ? await options.nc() : options.nc;
    this.nc = nc;
    this.connected = !nc.isClosed();
    const queryHandlers = this.checkHandlers();
    if (options.provision) {
      await provisionTopology(
        nc,
        options.namespace,
        options.provision.streams,
        options.consumers.map((binding) => binding.definition),
      );
    }
    void this.watchStatus(nc);
    for (const [contract, handler] of queryHandlers) {
      const responder = new QueryResponder({
        nc,
        namespace: options.namespace,
        contract,
        queueGroup: options.queueGroup ?? '',
        logger: this.log,
        handler: (request, ctx) => this.invokeQuery(handler, request, ctx),
      });
      responder.start();
      this.responders.push(responder);
    }
    for (const binding of options.consumers) {
      const runner = new ConsumerRunner({
        nc,
        namespace: options.namespace,
        consumer: binding.definition,
        contracts: options.events,
        handler: (event, ctx) => this.dispatchEvent(event, ctx),
        concurrency: binding.concurrency ?? 1,
        logger: this.log,
        metrics: options.metrics,
        ...(binding.backoffMs ? { backoffMs: binding.backoffMs } : {}),
        ...(options.pullExpiresMs ? { pullExpiresMs: options.pullExpiresMs } : {}),
      });
      this.runners.push(runner);
      await runner.start();
    }
    this._status$.next('connected');
  }

  /**
   * Fails fast on wiring mistakes: every consumed subject needs an event contract and an `@EventPattern`
   * handler, every `@MessagePattern` a query contract. Returns the query handlers to serve.
   */
  private checkHandlers(): Array<[QueryContract, NestMessageHandler]> {
    const eventSubjects = new Set(this.options.events.map((contract) => contract.subject));
    const problems: string[] = [];
    for (const { definition } of this.options.consumers) {
      for (const subject of definition.filterSubjects) {
        if (!eventSubjects.has(subject))
          problems.push(`consumer ${definition.durable}: no event contract for ${subject}`);
        if (!this.getHandlerByPattern(subject)?.isEventHandler) {
          problems.push(`consumer ${definition.durable}: no @EventPattern handler for ${subject}`);
        }
      }
    }
    const queries = new Map((this.options.queries ?? []).map((contract) => [contract.subject, contract]));
    const queryHandlers: Array<[QueryContract, NestMessageHandler]> = [];
    for (const [pattern, handler] of this.getHandlers()) {
      if (handler.isEventHandler) continue;
      const contract = queries.get(pattern);
      if (!contract) problems.push(`@MessagePattern ${pattern}: no query contract`);
      else queryHandlers.push([contract, handler]);
    }
    if (queryHandlers.length > 0 && !this.options.queueGroup) problems.push('queries need a queueGroup');
    if (problems.length > 0) throw new MessagingError('messaging.invalid_transport_config', problems.join('; '));
    return queryHandlers;
  }

  private async dispatchEvent(event: unknown, ctx: MessageContext): Promise<void> {
    const handler = this.getHandlerByPattern(ctx.subject);
    if (!handler?.isEventHandler) {
      throw new PermanentError('messaging.no_handler', `no @EventPattern handler for ${ctx.subject}`);
    }
    await this.invokeWithHooks(handler, event, new JetStreamContext([ctx]));
  }

  private invokeQuery(handler: NestMessageHandler, request: unknown, ctx: QueryContext): Promise<never> {
    return this.invokeWithHooks(handler, request, new QueryRpcContext([ctx])) as Promise<never>;
  }

  /**
   * Calls a Nest handler between the processing hooks and waits for its last value; the promise rejects
   * with whatever the handler (after Nest's exception filters) threw.
   */
  private invokeWithHooks(
    handler: NestMessageHandler,
    data: unknown,
    context: JetStreamContext | QueryRpcContext,
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const run = this.runWithProcessingHooks(context, async (runEndHook) => {
        try {
          const result: unknown = await handler(data, context);
          if (isObservable(result)) {
            resolve(
              await lastValueFrom((result as Observable<unknown>).pipe(finalize(runEndHook)), {
                defaultValue: undefined,
              }),
            );
          } else {
            runEndHook();
            resolve(result);
          }
        } catch (error) {
          reject(error);
          throw error;
        }
      }) as unknown;
      Promise.resolve(run).catch(() => undefined);
    });
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    const iterator = nc.status();
    this.statusIterator = iterator;
    try {
      for await (const status of iterator) {
        if (status.type === 'disconnect') {
          this.connected = false;
          this._status$.next('disconnected');
          this.events.emit('disconnected', status.server);
          this.log.warn({ server: status.server }, 'NATS disconnected');
        } else if (status.type === 'reconnecting') {
          this._status$.next('reconnecting');
          this.events.emit('reconnecting');
        } else if (status.type === 'reconnect') {
          this.connected = true;
          this._status$.next('connected');
          this.events.emit('connected', status.server);
          this.log.info({ server: status.server }, 'NATS reconnected');
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, 'NATS status watch ended');
    }
  }
}
