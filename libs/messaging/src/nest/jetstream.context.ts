import { BaseRpcContext } from '@nestjs/microservices';
import type { MessageContext } from '../consumer/message-context.js';

/** `@Ctx()` of an `@EventPattern` handler served by JetStreamTransport. */
export class JetStreamContext extends BaseRpcContext<[MessageContext]> {
  /** The runner's context (subject, delivery count, sequence, correlation id, headers, working()). */
  getMessageContext(): MessageContext {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  getDeliveryCount(): number {
    return this.args[0].deliveryCount;
  }

  getStreamSequence(): number {
    return this.args[0].streamSequence;
  }

  getCorrelationId(): string {
    return this.args[0].correlationId;
  }

  getHeaders(): Readonly<Record<string, string>> {
    return this.args[0].headers;
  }

  /** Extends the ack deadline of a long-running handler. */
  working(): void {
    this.args[0].working();
  }
}
