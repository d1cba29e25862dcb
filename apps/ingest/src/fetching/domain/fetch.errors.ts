export type FetchErrorCode =
  | 'fetch.bad_url'
  | 'fetch.unsafe_address'
  | 'fetch.dns'
  | 'fetch.connection'
  | 'fetch.timeout'
  | 'fetch.too_large'
  | 'fetch.redirect_loop'
  | 'fetch.too_many_redirects'
  | 'fetch.http_status'
  | 'fetch.robots_disallowed'
  | 'fetch.host_backoff'
  | 'fetch.decoding'
  | 'fetch.unexpected_content';

/** A fetch that failed, with a stable code and whether trying again later can help. */
export class FetchError extends Error {
  override readonly name = 'FetchError';

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly details: { httpStatus?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}
