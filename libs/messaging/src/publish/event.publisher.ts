import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventContract, EventOf, Namespace } from '@media-monitor/contracts';
import { currentCorrelationId } from '../correlation/correlation.context.js';
import { InvalidMessageError, PublishFailedError, errorMessage } from '../errors/messaging.errors.js';
import { buildEventHeaders, recordToHeaders } from '../headers/message-headers.js';
import type { MessagingMetrics } from '../metrics/messaging.metrics.js';
import { summarizeIssues } from '../validation/summarize-issues.js';
import { DEFAULT_PUBLISH_BACKOFF, retryDelayMs, type RetryBackoffOptions } from './retry-backoff.js';
import { isTransientNatsError } from './transient-error.js';

export interface EventPublisherOptions {
  /** Service name written to `x-producer`. */
  producer: string;
  /** Attempts per publish, the first included (default 5). */
  maxAttempts?: number;
  /** Wait for the JetStream ack of one attempt, in milliseconds (default 5000). */
  timeoutMs?: number;
  backoff?: RetryBackoffOptions;
  metrics?: MessagingMetrics;
}

export interface PublishEventOptions {
  /** De-duplication id (`Nats-Msg-Id`): derive it from the business key so a retry or replay is dropped. */
  msgId: string;
  /** Defaults to the current correlation id, else a new uuid. */
  correlationId?: string;
  headers?: Record<string, string>;
  /** Per-attempt ack timeout, in milliseconds. */
  timeoutMs?: number;
}

export interface PublishResult {
  stream: string;
  seq: number;
  /** True when JetStream already held a message with this msgId (inside the duplicate window). */
  duplicate: boolean;
}

/** Publishes validated events to JetStream with de-duplication ids and retries. */
export class EventPublisher {
  private readonly js: JetStreamClient;
  private readonly maxAttempts: number;

  constructor(
    nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly options: EventPublisherOptions,
  ) {
    this.js = jetstream(nc);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  }

  /**
   * Validates `payload` against the contract (throws InvalidMessageError `messaging.invalid_payload`),
   * then publishes it, retrying transient failures with the same msgId (PublishFailedError when all fail).
   */
  async publish<C extends EventContract>(
    contract: C,
    payload: EventOf<C>,
    options: PublishEventOptions,
  ): Promise<PublishResult> {
    if (!options.msgId)
      throw new InvalidMessageError('messaging.missing_msg_id', `publish to ${contract.subject} needs a msgId`);
    const parsed = contract.schema.safeParse(payload);
    if (!parsed.success) {
      throw new InvalidMessageError(
        'messaging.invalid_payload',
        `invalid ${contract.subject} payload: ${summarizeIssues(parsed.error.issues)}`,
        parsed.error.issues,
      );
    }
    const data = new TextEncoder().encode(JSON.stringify(payload));
    const headers = buildEventHeaders({
      correlationId: options.correlationId ?? currentCorrelationId() ?? randomUUID(),
      eventType: contract.subject,
      producer: this.options.producer,
      extra: options.headers,
    });
    const subject = this.namespace.subject(contract.subject);
    const timeout = options.timeoutMs ?? this.options.timeoutMs ?? 5_000;
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await this.js.publish(subject, data, {
          msgID: options.msgId,
          headers: recordToHeaders(headers),
          timeout,
        });
        this.options.metrics?.published.inc({
          subject: contract.subject,
          outcome: ack.duplicate ? 'duplicate' : 'stored',
        });
        return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
      } catch (error) {
        if (attempt >= this.maxAttempts || !isTransientNatsError(error)) {
          this.options.metrics?.published.inc({ subject: contract.subject, outcome: 'failed' });
          throw new PublishFailedError(
            `publish to ${subject} (msgId ${options.msgId}) failed after ${attempt} attempt(s): ${errorMessage(error)}`,
            attempt,
            { cause: error },
          );
        }
        await sleep(retryDelayMs(attempt, this.options.backoff ?? DEFAULT_PUBLISH_BACKOFF));
      }
    }
  }
}
