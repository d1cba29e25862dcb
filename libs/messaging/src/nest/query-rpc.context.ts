import { BaseRpcContext } from '@nestjs/microservices';
import type { QueryContext } from '../query/query.responder.js';

/** `@Ctx()` of a `@MessagePattern` query handler served by JetStreamTransport (core NATS request-reply). */
export class QueryRpcContext extends BaseRpcContext<[QueryContext]> {
  getQueryContext(): QueryContext {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  getCorrelationId(): string {
    return this.args[0].correlationId;
  }

  getHeaders(): Readonly<Record<string, string>> {
    return this.args[0].headers;
  }
}
