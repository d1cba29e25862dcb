import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '@media-monitor/contracts';
import type { BackfillLease, HeldLease } from '../application/backfill.lease.js';

const KEY = 'topic-backfill-runner';

/**
 * The runner's lease in a JetStream key-value bucket whose entries expire after the lease time:
 * `create` succeeds only when no live entry exists, and the holder renews it with `update` at its
 * own revision (a compare-and-set the server applies atomically), a third of the lease time apart.
 */
export class KvBackfillLease implements BackfillLease {
  private readonly logger = new Logger(KvBackfillLease.name);

  private constructor(
    private readonly kv: KV,
    private readonly leaseMs: number,
  ) {}

  /** Opens (creating if needed) the bucket `entity-leases` whose entries live `leaseMs` milliseconds. */
  static async open(nc: NatsConnection, namespace: Namespace, leaseMs: number): Promise<KvBackfillLease> {
    const name = namespace.stream('entity-leases').replace(/[^A-Za-z0-9_-]/g, '_');
    const kv = await new Kvm(nc).create(name, { ttl: leaseMs, history: 1 });
    return new KvBackfillLease(kv, leaseMs);
  }

  async tryAcquire(): Promise<HeldLease | null> {
    const owner = randomUUID();
    let revision: number;
    try {
      revision = await this.kv.create(KEY, owner);
    } catch (error) {
      if (error instanceof Error && /wrong last sequence|key exists/i.test(error.message)) return null;
      throw error;
    }
    const lease = { lost: false, release: async () => undefined };
    // The renewal in flight, if any: a release waits for it, or it would delete at a stale revision
    // (refused) while the renewal writes a fresh one, and the lease would linger until it expires.
    let renewal: Promise<void> | undefined;
    const renew = async () => {
      try {
        revision = await this.kv.update(KEY, owner, revision);
      } catch (error) {
        lease.lost = true;
        clearInterval(timer);
        this.logger.warn(`backfill lease lost: ${(error as Error).message}`);
      }
    };
    const timer = setInterval(
      () => {
        if (renewal || lease.lost) return;
        renewal = renew().finally(() => (renewal = undefined));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    lease.release = async () => {
      clearInterval(timer);
      await renewal;
      if (lease.lost) return;
      lease.lost = true;
      await this.kv.delete(KEY, { previousSeq: revision }).catch(() => undefined); // expires otherwise
    };
    return lease;
  }
}
