/** Base of every error this library throws: a stable dotted `code` plus a human message. */
export class MessagingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * "Retrying cannot help": a consumer dead-letters the message at once instead of redelivering it.
 * Handlers throw it (or a subclass) for poison input; every other error is treated as transient.
 */
export class PermanentError extends MessagingError {
  /** Lets the runner recognise permanent errors across module copies, where `instanceof` fails. */
  readonly permanent = true;
}

/** A message or payload that does not match its contract (bad JSON, schema violation). */
export class InvalidMessageError extends PermanentError {
  constructor(
    code: string,
    message: string,
    /** The zod issues, when the failure came from a schema. */
    readonly issues: readonly unknown[] = [],
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** A publish that did not reach JetStream after every attempt (transient for a consumer: it naks). */
export class PublishFailedError extends MessagingError {
  constructor(
    message: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super('messaging.publish_failed', message, options);
  }
}

/** A query that got an error reply, no responder, a timeout or an invalid response. */
export class QueryFailedError extends MessagingError {
  constructor(
    code: string,
    message: string,
    options?: ErrorOptions,
    /** Machine-readable facts of an error reply (e.g. the position of a query's syntax error). */
    readonly details?: Record<string, unknown>,
  ) {
    super(code, message, options);
  }
}

/** True for a `PermanentError`, also one thrown by another copy of this library. */
export function isPermanentError(error: unknown): error is PermanentError {
  return error instanceof PermanentError || (isObject(error) && error['permanent'] === true);
}

/** A one-line message for any thrown value (Nest's RPC filters reject with plain objects). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isObject(error) && typeof error['message'] === 'string') return error['message'];
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The stable `code` of a thrown value, or `fallback`. */
export function errorCode(error: unknown, fallback: string): string {
  return isObject(error) && typeof error['code'] === 'string' && error['code'] !== '' ? error['code'] : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
