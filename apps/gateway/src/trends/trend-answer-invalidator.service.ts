import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ArticleAnalyzedV1,
  CollectionStatusV1,
  STREAMS,
  TopicChangedV1,
  type Namespace,
} from '@media-monitor/contracts';
import { MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { TrendAnswers } from './trend-answers.js';

/** How long to wait before following again when the stream is missing or the reader ended, in milliseconds. */
const RETRY_MS = 1_000;

interface Followed {
  stream: string;
  subject: string;
  /** What one message does to the cached answers. */
  onMessage: (msg: JsMsg) => void;
}

/**
 * Follows, with one ordered consumer each per gateway process (ephemeral, from the stream's end),
 * the events that change trend answers: article.analyzed.v1 evicts the answers each analysed
 * article may change; a collection gap (ingest.collection-status.v1) or a topic change
 * (topic.changed.v1) evicts every answer. Whenever a reader (re)starts following, every cached
 * answer goes: events before that moment were not seen.
 */
@Injectable()
export class TrendAnswerInvalidator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TrendAnswerInvalidator.name);
  private readonly readers = new Set<ConsumerMessages>();
  private stopped = false;
  private following: Promise<void>[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_NAMESPACE) private readonly namespace: Namespace,
    private readonly answers: TrendAnswers,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.answers.enabled) return;
    const followed: Followed[] = [
      {
        stream: STREAMS.analysis,
        subject: ArticleAnalyzedV1.subject,
        onMessage: (msg) => {
          const parsed = ArticleAnalyzedV1.schema.safeParse(msg.json());
          if (parsed.success) this.answers.articleAnalyzed(msg.seq, parsed.data);
          else this.answers.evictAll();
        },
      },
      ...[
        { stream: STREAMS.collection, subject: CollectionStatusV1.subject },
        { stream: STREAMS.topics, subject: TopicChangedV1.subject },
      ].map((f) => ({ ...f, onMessage: () => this.answers.completenessOrTopicChanged() })),
    ];
    this.following = followed.map((f) => this.follow(f));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.readers].map((r) => r.close().catch(() => undefined)));
    await Promise.all(this.following);
  }

  private async follow({ stream, subject, onMessage }: Followed): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let messages: ConsumerMessages | undefined;
      try {
        const consumer = await jetstream(this.nc).consumers.get(this.namespace.stream(stream), {
          filter_subjects: [this.namespace.subject(subject)],
          deliver_policy: DeliverPolicy.New,
        });
        messages = await consumer.consume();
        this.readers.add(messages);
        if (this.stopped) {
          await messages.close().catch(() => undefined);
          break;
        }
        this.answers.evictAll();
        failures = 0;
        for await (const msg of messages) onMessage(msg);
      } catch (error) {
        // The stream is created by the first consuming service; until then nothing can change answers.
        if (failures++ === 5) this.logger.warn(`cannot follow ${subject}: ${(error as Error).message}`);
      } finally {
        if (messages) this.readers.delete(messages);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
    }
  }
}
