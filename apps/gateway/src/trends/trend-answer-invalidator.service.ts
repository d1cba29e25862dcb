import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ArticleAnalyzedV1, STREAMS, type Namespace } from '@media-monitor/contracts';
import { MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { TrendAnswers } from './trend-answers.js';

/** How long to wait before following again when the stream is missing or the reader ended, in milliseconds. */
const RETRY_MS = 1_000;

/**
 * Follows article.analyzed.v1 with one ordered consumer per gateway process (ephemeral, from the
 * stream's end) and evicts the trend answers each analysed article may change. Whenever it
 * (re)starts following, it drops every cached answer: events before that moment were not seen.
 */
@Injectable()
export class TrendAnswerInvalidator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TrendAnswerInvalidator.name);
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private following: Promise<void> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_NAMESPACE) private readonly namespace: Namespace,
    private readonly answers: TrendAnswers,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.answers.enabled) return;
    this.following = this.follow();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.following;
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const consumer = await jetstream(this.nc).consumers.get(this.namespace.stream(STREAMS.analysis), {
          filter_subjects: [this.namespace.subject(ArticleAnalyzedV1.subject)],
          deliver_policy: DeliverPolicy.New,
        });
        this.messages = await consumer.consume();
        if (this.stopped) break;
        this.answers.evictAll();
        failures = 0;
        for await (const msg of this.messages) {
          const parsed = ArticleAnalyzedV1.schema.safeParse(msg.json());
          if (parsed.success) this.answers.articleAnalyzed(msg.seq, parsed.data);
          else this.answers.evictAll();
        }
      } catch (error) {
        // The stream is created by the first consuming service; until then nothing can change answers.
        if (failures++ === 5)
          this.logger.warn(`cannot follow ${ArticleAnalyzedV1.subject}: ${(error as Error).message}`);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
    }
  }
}
