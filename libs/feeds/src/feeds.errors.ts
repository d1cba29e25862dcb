/** Why a document could not be read as a feed, sitemap or channel page; none is helped by a retry. */
export type FeedErrorCode =
  | 'feed.empty'
  | 'feed.binary'
  | 'feed.not_a_feed'
  | 'feed.malformed_json'
  | 'sitemap.not_a_sitemap'
  | 'telegram.not_a_channel_page';

export class FeedError extends Error {
  override readonly name = 'FeedError';
  /** The same bytes fail the same way: retrying cannot help. */
  readonly retryable = false;

  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}
