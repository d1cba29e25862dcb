/**
 * Runs tasks with the same key one at a time. `KeySerializer` does it within a process; a
 * distributed implementation (the messaging library's DistributedKeyLock) across processes.
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * Runs tasks with the same key one after another (different keys run in parallel).
 *
 * MongoDB applies each single-document update atomically, but FerretDB v1 on SQLite does not
 * (concurrent `$inc`/`$push` on one document can lose writes; FerretDB issue #3040). Writers
 * that update one hot document from many concurrent handlers (bucket counters) serialise their
 * writes per document key through this, which also reduces write conflicts on MongoDB.
 */
export class KeySerializer implements KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
