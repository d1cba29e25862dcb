import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/** Runs `fn` with `id` as the current correlation id (visible to everything it awaits). */
export function runWithCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run(id, fn);
}

/** The correlation id of the message or request being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}
