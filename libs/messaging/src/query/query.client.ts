import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HEADERS,
  type Namespace,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { currentCorrelationId } from '../correlation/correlation.context.js';
import { InvalidMessageError, QueryFailedError, errorMessage } from '../errors/messaging.errors.js';
import { recordToHeaders } from '../headers/message-headers.js';
import { summarizeIssues } from '../validation/summarize-issues.js';
import { isQueryErrorReply } from './query-reply.js';

export interface QueryClientOptions {
  /** Default reply timeout, in milliseconds (default 5000). */
  timeoutMs?: number;
}

export interface QueryRequestOptions {
  /** Reply timeout, in milliseconds. */
  timeoutMs?: number;
  correlationId?: string;
}

/** Request-reply over core NATS for queries (never for events). */
export class QueryClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    private readonly options: QueryClientOptions = {},
  ) {}

  /**
   * Sends a validated request and returns the validated response. Throws InvalidMessageError
   * (`messaging.invalid_request`) before sending, and QueryFailedError for an error reply (its code),
   * `messaging.no_responders`, `messaging.timeout`, `messaging.invalid_response` or `messaging.query_failed`.
   */
  async request<C extends QueryContract>(
    contract: C,
    request: QueryRequestOf<C>,
    options: QueryRequestOptions = {},
  ): Promise<QueryResponseOf<C>> {
    const parsedRequest = contract.request.safeParse(request);
    if (!parsedRequest.success) {
      throw new InvalidMessageError(
        'messaging.invalid_request',
        `invalid ${contract.subject} request: ${summarizeIssues(parsedRequest.error.issues)}`,
        parsedRequest.error.issues,
      );
    }
    const subject = this.namespace.subject(contract.subject);
    const correlationId = options.correlationId ?? currentCorrelationId() ?? randomUUID();
    const timeout = options.timeoutMs ?? this.options.timeoutMs ?? 5_000;
    let body: unknown;
    try {
      const reply = await this.nc.request(subject, JSON.stringify(request), {
        timeout,
        headers: recordToHeaders({ [HEADERS.correlationId]: correlationId }),
      });
      body = reply.json();
    } catch (error) {
      throw toQueryError(subject, timeout, error);
    }
    if (isQueryErrorReply(body)) {
      throw new QueryFailedError(body.error.code, body.error.message, undefined, body.error.details);
    }
    const parsedResponse = contract.response.safeParse(body);
    if (!parsedResponse.success) {
      throw new QueryFailedError(
        'messaging.invalid_response',
        `invalid ${contract.subject} response: ${summarizeIssues(parsedResponse.error.issues)}`,
      );
    }
    return parsedResponse.data as QueryResponseOf<C>;
  }
}

function toQueryError(subject: string, timeoutMs: number, error: unknown): QueryFailedError {
  const chain = causes(error);
  if (chain.some((e) => e.name === 'NoResponders' || e.name === 'NoRespondersError')) {
    return new QueryFailedError('messaging.no_responders', `no responder for ${subject}`, { cause: error });
  }
  if (chain.some((e) => e.name === 'TimeoutError')) {
    return new QueryFailedError('messaging.timeout', `no reply from ${subject} within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new QueryFailedError('messaging.invalid_response', `reply from ${subject} is not JSON`, { cause: error });
  }
  return new QueryFailedError('messaging.query_failed', `query ${subject} failed: ${errorMessage(error)}`, {
    cause: error,
  });
}

function causes(error: unknown): Array<{ name?: unknown }> {
  const chain: Array<{ name?: unknown }> = [];
  for (let current = error as { name?: unknown; cause?: unknown } | undefined; current && chain.length < 5;) {
    chain.push(current);
    current = current.cause as typeof current;
  }
  return chain;
}
