import type { QueryParseError } from '@media-monitor/nlp';

/** A refused topic change: a stable code (the gateway maps it to a status) and a message for people. */
export class TopicError extends Error {
  override readonly name = 'TopicError';
  readonly retryable = false;

  constructor(
    readonly code: 'topic.invalid_query' | 'topic.not_found' | 'topic.already_exists' | 'topic.concurrent_update',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The query error with its position, token and the query language's own code. */
  static invalidQuery(error: QueryParseError): TopicError {
    return new TopicError('topic.invalid_query', error.message, {
      position: error.position,
      token: error.token,
      queryCode: error.code,
    });
  }
}
