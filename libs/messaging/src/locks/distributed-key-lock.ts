import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import { MessagingError } from '../errors/messaging.errors.js';

export interface DistributedKeyLockOptions {
  /** KV bucket of the locks (namespaced), default `locks`. */
  bucket?: string;
  /** A lock left by a crashed holder expires after this long, in milliseconds (default 30 s). */
  ttlMs?: number;
  /** How long to wait for a lock before giving up, in milliseconds (default 30 s). */
  acquireTimeoutMs?: number;
}

/**
 * Runs tasks with the same key one at a time across processes: a mutex per key in a JetStream
 * key-value bucket (`create` succeeds only for an absent key; the holder deletes it afterwards;
 * a crashed holder's lock expires with the bucket's TTL). Within one process tasks queue locally
 * first, so only one of them waits on the server.
 *
 * Needed where the document store does not apply concurrent single-document updates atomically
 * (FerretDB v1), for writers that run as several processes.
 */
export class DistributedKeyLock {
  private readonly owner = randomUUID();
  private readonly tails = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly kv: KV,
    private readonly acquireTimeoutMs: number,
  ) {}

  static async open(nc: NatsConnection, namespace: Namespace, options: DistributedKeyLockOptions = {}) {
    const name = namespace.stream(options.bucket ?? 'locks').replace(/[^A-Za-z0-9_-]/g, '_');
    const kv = await new Kvm(nc).create(name, { ttl: options.ttlMs ?? 30_000, history: 1 });
    return new DistributedKeyLock(kv, options.acquireTimeoutMs ?? 30_000);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(
      () => this.locked(key, task),
      () => this.locked(key, task),
    );
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  private async locked<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = createHash('sha256').update(key).digest('hex').slice(0, 40);
    await this.acquire(lockKey, key);
    try {
      return await task();
    } finally {
      await this.kv.delete(lockKey).catch(() => undefined); // expires with the TTL otherwise
    }
  }

  private async acquire(lockKey: string, key: string): Promise<void> {
    const deadline = Date.now() + this.acquireTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        await this.kv.create(lockKey, this.owner);
        return;
      } catch (error) {
        if (!isTaken(error)) throw error;
      }
      if (Date.now() > deadline) {
        // Transient: the handler's message is redelivered later.
        throw new MessagingError(
          'messaging.lock_timeout',
          `lock "${key}" not acquired within ${this.acquireTimeoutMs} ms`,
        );
      }
      await sleep(wait + Math.random() * wait);
    }
  }
}

/** `create` of a key whose last entry is a value fails with "wrong last sequence". */
function isTaken(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence|key exists/i.test(error.message);
}
