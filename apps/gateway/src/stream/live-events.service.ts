import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AlertRaisedV1,
  ArticleAnalyzedV1,
  STREAMS,
  type EventContract,
  type Namespace,
} from '@media-monitor/contracts';
import { MESSAGING_NAMESPACE, NATS_CONNECTION } from '@media-monitor/messaging';
import { TrendAnswers } from '../trends/trend-answers.js';
import type { StreamPosition } from './stream-position.js';

/** A new analysed article or alert of the followed topics, with the position after it. */
export interface LiveEvent {
  kind: 'article' | 'alert';
  position: StreamPosition;
  data: ArticleAnalyzedV1 | AlertRaisedV1;
}

/** A live subscription; `close` stops it and frees its consumers. */
export interface LiveSubscription {
  readonly position: StreamPosition;
  close(): Promise<void>;
}

/**
 * Follows article.analyzed.v1 (ANALYSIS) and alert.raised.v1 (ALERTS) for SSE clients with one
 * ordered JetStream consumer per stream and client: ephemeral, server-side filtered by subject,
 * starting after the client's last position (Last-Event-ID) or at the streams' ends. Every
 * analysed article read evicts the trend answers it may change (TrendAnswers) before it is sent.
 */
@Injectable()
export class LiveEventsService implements OnModuleDestroy {
  private readonly logger = new Logger(LiveEventsService.name);
  private readonly open = new Set<LiveSubscription>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_NAMESPACE) private readonly namespace: Namespace,
    private readonly trendAnswers: TrendAnswers,
  ) {}

  get connections(): number {
    return this.open.size;
  }

  /** Starts following; `onEvent` receives the events of the topics in stream order, per stream. */
  async subscribe(
    topicIds: ReadonlySet<string>,
    from: StreamPosition | undefined,
    onEvent: (event: LiveEvent) => void,
  ): Promise<LiveSubscription> {
    const start = from ?? (await this.ends());
    const position: StreamPosition = { ...start };
    const readers = [
      await this.follow(STREAMS.analysis, ArticleAnalyzedV1, start.articles, (msg, data) => {
        position.articles = msg.seq;
        // Before the client hears of the article, so its refetch cannot get a cached answer from before it.
        this.trendAnswers.articleAnalyzed(msg.seq, data);
        if (data.topicIds.some((t) => topicIds.has(t))) onEvent({ kind: 'article', position: { ...position }, data });
      }),
      await this.follow(STREAMS.alerts, AlertRaisedV1, start.alerts, (msg, data) => {
        position.alerts = msg.seq;
        if (topicIds.has(data.topicId)) onEvent({ kind: 'alert', position: { ...position }, data });
      }),
    ];
    const subscription: LiveSubscription = {
      position,
      close: async () => {
        if (!this.open.delete(subscription)) return;
        await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
      },
    };
    this.open.add(subscription);
    return subscription;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
  }

  /** The last sequence of each stream: where a new client starts. */
  private async ends(): Promise<StreamPosition> {
    const jsm = await jetstreamManager(this.nc);
    const last = async (stream: string) => (await jsm.streams.info(this.namespace.stream(stream))).state.last_seq;
    return { articles: await last(STREAMS.analysis), alerts: await last(STREAMS.alerts) };
  }

  private async follow<C extends EventContract>(
    stream: string,
    contract: C,
    afterSeq: number,
    handle: (msg: JsMsg, data: ReturnType<C['schema']['parse']>) => void,
  ): Promise<ConsumerMessages> {
    const consumer = await jetstream(this.nc).consumers.get(this.namespace.stream(stream), {
      filter_subjects: [this.namespace.subject(contract.subject)],
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: afterSeq + 1,
    });
    const messages = await consumer.consume();
    void (async () => {
      for await (const msg of messages) {
        const parsed = contract.schema.safeParse(msg.json());
        if (parsed.success) handle(msg, parsed.data as ReturnType<C['schema']['parse']>);
        else this.logger.warn(`skipping an invalid ${contract.subject} at ${stream}#${msg.seq}`);
      }
    })().catch((error: Error) => this.logger.warn(`live ${stream} reader ended: ${error.message}`));
    return messages;
  }
}
