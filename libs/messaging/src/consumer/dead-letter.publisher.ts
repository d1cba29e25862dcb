import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { SUBJECTS, type ConsumerDefinition, type Namespace } from '@media-monitor/contracts';
import { buildDeadLetterHeaders, deadLetterMsgId, recordToHeaders } from '../headers/message-headers.js';

export interface DeadLetterInput {
  msg: JsMsg;
  /** Un-namespaced subject of the original message. */
  subject: string;
  headers: Readonly<Record<string, string>>;
  code: string;
  reason: string;
}

/** Copies a message that cannot be processed to `deadletter.<durable>` (stream DEAD_LETTERS). */
export class DeadLetterPublisher {
  readonly subject: string;

  constructor(
    private readonly js: JetStreamClient,
    namespace: Namespace,
    private readonly consumer: ConsumerDefinition,
    private readonly timeoutMs: number,
  ) {
    this.subject = namespace.subject(`${SUBJECTS.deadLetterPrefix}.${consumer.durable}`);
  }

  /** Resolves once JetStream stored (or already held) the dead letter; the msg id is `<stream>:<seq>`. */
  async publish(input: DeadLetterInput): Promise<void> {
    const { msg } = input;
    const headers = buildDeadLetterHeaders({
      original: input.headers,
      reason: input.reason,
      code: input.code,
      subject: input.subject,
      stream: this.consumer.stream,
      consumer: this.consumer.durable,
      sequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
      deadLetteredAt: new Date(),
    });
    await this.js.publish(this.subject, msg.data, {
      msgID: deadLetterMsgId(msg.info.stream, msg.info.streamSequence, msg.info.consumer),
      headers: recordToHeaders(headers),
      timeout: this.timeoutMs,
    });
  }
}
