/** Why a page could not be extracted; codes are stable, and none of these is helped by a retry. */
export type ExtractionErrorCode =
  'extraction.not_html' | 'extraction.too_large' | 'extraction.empty' | 'extraction.no_article';

export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  /** The same input fails the same way: retrying cannot help. */
  readonly retryable = false;

  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
