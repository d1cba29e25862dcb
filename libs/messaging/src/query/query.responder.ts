import { randomUUID } from 'node:crypto';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  HEADERS,
  type Namespace,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { runWithCorrelationId } from '../correlation/correlation.context.js';
import { errorCode, errorMessage } from '../errors/messaging.errors.js';
import { headersToRecord } from '../headers/message-headers.js';
import { stderrLogger, type MessagingLogger } from '../logging/messaging-logger.js';
import { summarizeIssues } from '../validation/summarize-issues.js';
import { errorDetails, queryErrorReply } from './query-reply.js';

/** What a query handler knows about the request. */
export interface QueryContext {
  /** Un-namespaced subject (the contract subject). */
  readonly subject: string;
  readonly correlationId: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type QueryHandler<C extends QueryContract> = (
  request: QueryRequestOf<C>,
  ctx: QueryContext,
) => Promise<QueryResponseOf<C>> | QueryResponseOf<C>;

export interface QueryResponderOptions<C extends QueryContract> {
  nc: NatsConnection;
  namespace: Namespace;
  contract: C;
  /** Logical queue group (namespaced here): one replica of the owning service answers each request. */
  queueGroup: string;
  handler: QueryHandler<C>;
  logger?: MessagingLogger;
}

/**
 * Answers one query contract on core NATS in a queue group: validates the request (`query.invalid_request`),
 * runs the handler, validates the response (`query.invalid_response`) and replies; a handler error becomes
 * `{ error: { code: err.code ?? 'internal', message, details: err.details } }` (details when a plain object).
 */
export class QueryResponder<C extends QueryContract = QueryContract> {
  private subscription: Subscription | undefined;
  private readonly logger: MessagingLogger;

  constructor(private readonly options: QueryResponderOptions<C>) {
    this.logger = options.logger ?? stderrLogger;
  }

  get subject(): string {
    return this.options.contract.subject;
  }

  /** Subscribes; requests are handled concurrently. */
  start(): void {
    if (this.subscription) return;
    const { nc, namespace, contract, queueGroup } = this.options;
    this.subscription = nc.subscribe(namespace.subject(contract.subject), {
      queue: namespace.queueGroup(queueGroup),
      callback: (error, msg) => {
        if (error) {
          this.logger.error({ err: error, subject: contract.subject }, 'query subscription failed');
          return;
        }
        void this.handle(msg);
      },
    });
  }

  /** Drains the subscription: requests already received are still answered. */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription && !subscription.isClosed()) await subscription.drain().catch(() => undefined);
  }

  private async handle(msg: Msg): Promise<void> {
    const { contract } = this.options;
    const headers = headersToRecord(msg.headers);
    const correlationId = headers[HEADERS.correlationId] || randomUUID();
    const body = await runWithCorrelationId(correlationId, () => this.answer(msg, headers, correlationId));
    if (!msg.reply) return;
    try {
      msg.respond(JSON.stringify(body));
    } catch (error) {
      this.logger.error({ err: error, subject: contract.subject, correlationId }, 'query reply failed');
    }
  }

  private async answer(msg: Msg, headers: Record<string, string>, correlationId: string): Promise<unknown> {
    const { contract, handler } = this.options;
    let json: unknown;
    try {
      json = msg.json();
    } catch {
      return queryErrorReply('query.invalid_request', `${contract.subject} request is not valid JSON`);
    }
    const request = contract.request.safeParse(json);
    if (!request.success) {
      return queryErrorReply(
        'query.invalid_request',
        `invalid ${contract.subject} request: ${summarizeIssues(request.error.issues)}`,
      );
    }
    let result: unknown;
    try {
      result = await handler(request.data as QueryRequestOf<C>, { subject: contract.subject, correlationId, headers });
    } catch (error) {
      const code = errorCode(error, 'internal');
      this.logger.warn({ err: error, subject: contract.subject, correlationId, code }, 'query handler failed');
      return queryErrorReply(code, errorMessage(error), errorDetails(error));
    }
    const response = contract.response.safeParse(result);
    if (!response.success) {
      const reason = summarizeIssues(response.error.issues);
      this.logger.error(
        { subject: contract.subject, correlationId, reason },
        'query handler returned an invalid response',
      );
      return queryErrorReply('query.invalid_response', `invalid ${contract.subject} response: ${reason}`);
    }
    return response.data;
  }
}
