/** Error names (nats.js v3) meaning "the request may succeed if repeated". */
const TRANSIENT_NAMES = new Set(['TimeoutError', 'NoResponders', 'NoRespondersError', 'JetStreamNotEnabled']);

/** Messages of RequestErrors raised while the client is (re)connecting. */
const TRANSIENT_MESSAGES = ['connection disconnected', 'timeout', 'no responders'];

/**
 * True for failures that retrying with the same msgId can fix: timeouts, no responders (JetStream
 * restarting or electing a leader), 503 statuses, a request cut by a disconnect. Closed or draining
 * connections, permission and validation errors are not transient.
 */
export function isTransientNatsError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      name?: unknown;
      message?: unknown;
      status?: unknown;
      code?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.name === 'string' && TRANSIENT_NAMES.has(candidate.name)) return true;
    if (candidate.status === 503 || (candidate.name === 'JetStreamStatusError' && candidate.code === 503)) return true;
    if (candidate.name === 'RequestError' && typeof candidate.message === 'string') {
      const message = candidate.message.toLowerCase();
      if (TRANSIENT_MESSAGES.some((fragment) => message.includes(fragment))) return true;
    }
    current = candidate.cause;
  }
  return false;
}
