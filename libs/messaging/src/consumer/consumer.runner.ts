import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADERS, type ConsumerDefinition, type EventContract, type Namespace } from '@media-monitor/contracts';
import { runWithCorrelationId } from '../correlation/correlation.context.js';
import { errorCode, errorMessage, isPermanentError } from '../errors/messaging.errors.js';
import { headersToRecord } from '../headers/message-headers.js';
import { stderrLogger, type MessagingLogger } from '../logging/messaging-logger.js';
import type { MessagingMetrics } from '../metrics/messaging.metrics.js';
import { apiErrorCode, ensureConsumer } from '../topology/provision-topology.js';
import { decodeEvent } from '../validation/decode-event.js';
import { DeadLetterPublisher } from './dead-letter.publisher.js';
import type { MessageContext, MessageHandler } from './message-context.js';
import { DEFAULT_NAK_BACKOFF_MS, nakDelayMs, recoveryDelayMs, workingIntervalMs } from './nak-backoff.js';
import { Slots } from './slots.js';

export interface ConsumerRunnerOptions {
  nc: NatsConnection;
  namespace: Namespace;
  consumer: ConsumerDefinition;
  /** Contracts by un-namespaced subject: the schema each message is validated with. */
  contracts: readonly EventContract[];
  handler: MessageHandler;
  /** Most handlers running at once in this process. */
  concurrency: number;
  logger?: MessagingLogger;
  /** Nak delays in milliseconds by delivery count (default 1 s, 5 s, 15 s, 30 s, 60 s). */
  backoffMs?: readonly number[];
  metrics?: MessagingMetrics;
  /** How long one pull request waits for messages, in milliseconds (default 10000, at least 1000). */
  pullExpiresMs?: number;
  /** Timeout of ack confirmations and dead-letter publishes, in milliseconds (default 5000). */
  ackTimeoutMs?: number;
}

export interface ConsumerStatus {
  /** Logical (un-namespaced) durable name. */
  durable: string;
  /** True while started and pulling without a pending failure (false while recovering or stopped). */
  running: boolean;
  inFlight: number;
  lastError?: string;
}

export interface StopOptions {
  /** How long to wait for in-flight handlers, in milliseconds (default 30000). */
  drainTimeoutMs?: number;
}

interface InFlight {
  abandoned: boolean;
  timer: NodeJS.Timeout;
  done: Promise<void>;
}

type RunnerState = 'idle' | 'running' | 'stopping' | 'stopped';

/** Below this many milliseconds an empty pull counts as a spin and the loop pauses. */
const MIN_EMPTY_PULL_MS = 100;

/**
 * Runs one durable pull consumer: bounded concurrency, validation against the contracts, ack only after
 * the handler resolved, nak with growing delays, dead-lettering of poison messages, automatic
 * `working()` for long handlers, and recovery from disconnects and a deleted consumer.
 */
export class ConsumerRunner {
  private readonly js: JetStreamClient;
  private readonly slots: Slots;
  private readonly logger: MessagingLogger;
  private readonly contracts: Map<string, EventContract>;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly backoffMs: readonly number[];
  private readonly pullExpiresMs: number;
  private readonly ackTimeoutMs: number;
  private readonly streamName: string;
  private readonly durableName: string;
  private readonly inFlight = new Set<InFlight>();
  private readonly abort = new AbortController();
  private jsm: Promise<JetStreamManager> | undefined;
  private state: RunnerState = 'idle';
  private healthy = false;
  private lastError: string | undefined;
  private batch: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private untrackPending: (() => void) | undefined;

  constructor(private readonly options: ConsumerRunnerOptions) {
    const { consumer, namespace } = options;
    this.js = jetstream(options.nc);
    this.slots = new Slots(options.concurrency);
    this.logger = options.logger ?? stderrLogger;
    this.contracts = new Map(options.contracts.map((contract) => [contract.subject, contract]));
    this.backoffMs = options.backoffMs ?? DEFAULT_NAK_BACKOFF_MS;
    this.pullExpiresMs = Math.max(1_000, options.pullExpiresMs ?? 10_000);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.streamName = namespace.stream(consumer.stream);
    this.durableName = namespace.durable(consumer.durable);
    this.deadLetters = new DeadLetterPublisher(this.js, namespace, consumer, this.ackTimeoutMs);
  }

  get durable(): string {
    return this.options.consumer.durable;
  }

  /** Starts pulling. Resolves after the first attempt to bind the consumer; never rejects for NATS trouble. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`consumer runner ${this.durable} was already started`);
    this.state = 'running';
    this.untrackPending = this.options.metrics?.trackPending(this.durable, () => this.pending());
    let firstAttempt!: () => void;
    const bound = new Promise<void>((resolve) => (firstAttempt = resolve));
    this.loop = this.pullLoop(firstAttempt).catch((error: unknown) => {
      this.healthy = false;
      this.lastError = errorMessage(error);
      this.logger.error({ err: error, consumer: this.durable }, 'consumer pull loop ended unexpectedly');
      firstAttempt();
    });
    await bound;
  }

  /**
   * Stops pulling and waits up to `drainTimeoutMs` for in-flight handlers (they ack as usual). Handlers still
   * running after that are abandoned unacknowledged, so JetStream redelivers them after the ack wait.
   */
  stop(options: StopOptions = {}): Promise<void> {
    this.stopping ??= this.doStop(options.drainTimeoutMs ?? 30_000);
    return this.stopping;
  }

  /** Durable, running (pulling without a pending failure), in-flight handlers and the last error. */
  status(): ConsumerStatus {
    return {
      durable: this.durable,
      running: this.state === 'running' && this.healthy,
      inFlight: this.inFlight.size,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  /** Messages not yet delivered plus delivered but unacknowledged (JetStream consumer info). */
  async pending(): Promise<number> {
    const info = await (await this.manager()).consumers.info(this.streamName, this.durableName);
    const pending = info.num_pending + info.num_ack_pending;
    this.options.metrics?.consumerPending.set({ consumer: this.durable }, pending);
    return pending;
  }

  private async doStop(drainTimeoutMs: number): Promise<void> {
    if (this.state === 'idle') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    this.abort.abort();
    this.slots.interrupt();
    const deadline = Date.now() + drainTimeoutMs;
    void this.batch?.close().catch(() => undefined);
    const drained = await settleBefore(
      (async () => {
        await this.loop;
        await Promise.all([...this.inFlight].map((entry) => entry.done));
      })(),
      deadline,
    );
    if (!drained) {
      for (const entry of this.inFlight) {
        entry.abandoned = true;
        clearInterval(entry.timer);
      }
      this.logger.warn(
        { consumer: this.durable, abandoned: this.inFlight.size, drainTimeoutMs },
        'drain timeout: leaving unfinished messages unacknowledged for redelivery',
      );
    }
    this.untrackPending?.();
    this.state = 'stopped';
    this.healthy = false;
  }

  private async pullLoop(firstAttempt: () => void): Promise<void> {
    try {
      await this.pullUntilStopped(firstAttempt);
    } finally {
      firstAttempt();
    }
  }

  private async pullUntilStopped(firstAttempt: () => void): Promise<void> {
    let failures = 0;
    let consumer: Consumer | undefined;
    while (this.state === 'running') {
      if (this.options.nc.isClosed()) {
        this.healthy = false;
        this.lastError = 'connection closed';
        this.logger.error({ consumer: this.durable }, 'NATS connection closed: consumer stops pulling');
        return;
      }
      try {
        consumer ??= await this.bindConsumer();
        this.healthy = true;
        firstAttempt();
        await this.slots.waitForFree();
        if (this.state !== 'running') break;
        const startedAt = Date.now();
        const received = await this.pullOnce(consumer);
        failures = 0;
        if (received === 0 && Date.now() - startedAt < MIN_EMPTY_PULL_MS) await this.pause(recoveryDelayMs(1));
      } catch (error) {
        this.batch = undefined;
        firstAttempt();
        if (this.state !== 'running') break;
        failures++;
        consumer = undefined;
        this.healthy = false;
        this.lastError = errorMessage(error);
        this.logger.warn({ err: error, consumer: this.durable, failures }, 'pull failed; recovering');
        await this.pause(recoveryDelayMs(failures));
      }
    }
  }

  /** One pull request for as many messages as there are free slots; returns how many arrived. */
  private async pullOnce(consumer: Consumer): Promise<number> {
    const batch = await consumer.fetch({ max_messages: this.slots.free, expires: this.pullExpiresMs });
    this.batch = batch;
    if (this.state !== 'running') void batch.close().catch(() => undefined); // stop() ran while the pull was opening
    let received = 0;
    try {
      for await (const msg of batch) {
        received++;
        if (this.state === 'running') await this.slots.waitForFree();
        if (this.state !== 'running') {
          msg.nak();
          continue;
        }
        this.dispatch(msg);
      }
    } finally {
      this.batch = undefined;
    }
    return received;
  }

  /** Gets the pull consumer; re-creates it from its definition when it was deleted. */
  private async bindConsumer(): Promise<Consumer> {
    try {
      return await this.js.consumers.get(this.streamName, this.durableName);
    } catch (error) {
      if (!isConsumerNotFound(error)) throw error;
      this.logger.warn(
        { consumer: this.durable, stream: this.streamName },
        'consumer not found: re-creating it from its definition',
      );
      await ensureConsumer(await this.manager(), this.options.namespace, this.options.consumer);
      return await this.js.consumers.get(this.streamName, this.durableName);
    }
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= jetstreamManager(this.options.nc, { checkAPI: false });
    return this.jsm;
  }

  private dispatch(msg: JsMsg): void {
    this.slots.take();
    const entry: InFlight = {
      abandoned: false,
      timer: setInterval(() => {
        if (!entry.abandoned) msg.working();
      }, workingIntervalMs(this.options.consumer.ackWaitMs)),
      done: Promise.resolve(),
    };
    entry.timer.unref();
    this.inFlight.add(entry);
    entry.done = this.process(msg, entry)
      .catch((error: unknown) =>
        this.logger.error({ err: error, consumer: this.durable }, 'message processing crashed'),
      )
      .finally(() => {
        clearInterval(entry.timer);
        this.inFlight.delete(entry);
        this.slots.release();
      });
  }

  private async process(msg: JsMsg, entry: InFlight): Promise<void> {
    const subject = this.options.namespace.unprefix(msg.subject);
    const { deliveryCount, streamSequence } = msg.info;
    const labels = { consumer: this.durable, subject };
    if (deliveryCount > 1) this.options.metrics?.redelivered.inc(labels);
    const headers = headersToRecord(msg.headers);
    const correlationId = headers[HEADERS.correlationId] || randomUUID();
    const fields = { consumer: this.durable, subject, seq: streamSequence, deliveryCount, correlationId };
    const maxDeliver = this.options.consumer.maxDeliver;

    if (deliveryCount > maxDeliver) {
      const reason = `delivered ${deliveryCount} times, above max_deliver ${maxDeliver} (an earlier final attempt did not conclude)`;
      return this.deadLetter(msg, subject, headers, 'messaging.max_deliver_exceeded', reason, fields);
    }
    const decoded = decodeEvent(subject, msg.data, this.contracts.get(subject));
    if (!decoded.ok) return this.deadLetter(msg, subject, headers, decoded.code, decoded.reason, fields);

    const ctx: MessageContext = {
      subject,
      deliveryCount,
      streamSequence,
      correlationId,
      headers,
      working: () => {
        if (!entry.abandoned) msg.working();
      },
    };
    const endTimer = this.options.metrics?.handlerDuration.startTimer(labels);
    try {
      await runWithCorrelationId(correlationId, () => this.options.handler(decoded.event, ctx));
    } catch (error) {
      endTimer?.({ outcome: 'error' });
      this.options.metrics?.failed.inc(labels);
      if (entry.abandoned) return this.logAbandoned(fields);
      return this.handleFailure(msg, subject, headers, error, fields);
    }
    endTimer?.({ outcome: 'ok' });
    if (entry.abandoned) return this.logAbandoned(fields);
    try {
      await msg.ackAck({ timeout: this.ackTimeoutMs });
      this.options.metrics?.processed.inc(labels);
    } catch (error) {
      this.logger.warn({ ...fields, err: error }, 'ack not confirmed; the message may be redelivered');
    }
  }

  private async handleFailure(
    msg: JsMsg,
    subject: string,
    headers: Record<string, string>,
    error: unknown,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const { deliveryCount } = msg.info;
    const message = errorMessage(error);
    if (isPermanentError(error)) {
      return this.deadLetter(msg, subject, headers, errorCode(error, 'messaging.permanent_error'), message, fields);
    }
    if (deliveryCount >= this.options.consumer.maxDeliver) {
      const reason = `failed on all ${deliveryCount} deliveries; last error: ${message}`;
      return this.deadLetter(msg, subject, headers, 'messaging.max_deliver_reached', reason, fields);
    }
    const delayMs = nakDelayMs(deliveryCount, this.backoffMs);
    msg.nak(delayMs);
    this.logger.warn({ ...fields, err: error, delayMs }, 'handler failed; message will be redelivered');
  }

  /** Publishes the dead letter and only then terminates the message; naks if the DLQ publish fails. */
  private async deadLetter(
    msg: JsMsg,
    subject: string,
    headers: Record<string, string>,
    code: string,
    reason: string,
    fields: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.deadLetters.publish({ msg, subject, headers, code, reason });
    } catch (error) {
      const delayMs = nakDelayMs(msg.info.deliveryCount, this.backoffMs);
      msg.nak(delayMs);
      this.logger.error({ ...fields, err: error, code, delayMs }, 'dead-letter publish failed; message naked instead');
      return;
    }
    msg.term(`${code}: ${reason}`.slice(0, 500));
    this.options.metrics?.deadLettered.inc({ consumer: this.durable, subject, code });
    this.logger.warn({ ...fields, code, reason, deadLetterSubject: this.deadLetters.subject }, 'message dead-lettered');
  }

  private logAbandoned(fields: Record<string, unknown>): void {
    this.logger.warn(fields, 'handler finished after the drain timeout; message left for redelivery');
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
    } catch {
      // aborted by stop()
    }
  }
}

function isConsumerNotFound(error: unknown): boolean {
  const candidate = error as { name?: unknown; message?: unknown } | null;
  return (
    apiErrorCode(error) === 10014 ||
    candidate?.name === 'ConsumerNotFoundError' ||
    (typeof candidate?.message === 'string' && candidate.message.toLowerCase().includes('consumer not found'))
  );
}

/** Waits for `work` until the deadline (epoch ms); true when it settled in time. */
async function settleBefore(work: Promise<unknown>, deadline: number): Promise<boolean> {
  const remaining = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), remaining)));
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
