/** Stable error codes raised by the persistence library. */
export type PersistenceErrorCode =
  | 'persistence.connect-failed'
  | 'persistence.index-unsupported'
  | 'persistence.index-failed'
  | 'persistence.guard-field-missing'
  | 'persistence.guarded-increment-conflict';

/** A persistence failure with a stable dotted code; the driver error, if any, is the cause. */
export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
