/** Stable codes of query errors; none of them goes away on retry. */
export type QueryErrorCode =
  | 'query.empty'
  | 'query.too-long'
  | 'query.too-deep'
  | 'query.too-many-terms'
  | 'query.syntax'
  | 'query.unknown-field'
  | 'query.unknown-entity'
  | 'query.only-negative';

/**
 * A query the user must fix: `position` is the 0-based character offset of the offending
 * token (`token`, empty at the end of the query), and the message says what was expected there.
 */
export class QueryParseError extends Error {
  override readonly name = 'QueryParseError';
  readonly retryable = false;

  constructor(
    readonly code: QueryErrorCode,
    message: string,
    readonly position: number,
    readonly token: string,
  ) {
    super(message);
  }
}
