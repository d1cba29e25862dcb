/** Stable error codes raised by the sentiment analysis. */
export type SentimentErrorCode =
  'sentiment.unsupported-language' | 'sentiment.invalid-target' | 'sentiment.model-invalid';

/** Bad input or a broken model file; retrying the same input cannot help. */
export class SentimentError extends Error {
  override readonly name = 'SentimentError';
  readonly retryable = false;

  constructor(
    readonly code: SentimentErrorCode,
    message: string,
  ) {
    super(message);
  }
}
