import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testNatsUrl, uniqueNamespace } from '@media-monitor/testing';
import { DistributedKeyLock } from './distributed-key-lock.js';

describe('DistributedKeyLock (real JetStream key-value store)', () => {
  const ns = uniqueNamespace();
  let a: NatsConnection;
  let b: NatsConnection;

  beforeAll(async () => {
    a = await connect({ servers: testNatsUrl() });
    b = await connect({ servers: testNatsUrl() });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('lets one task at a time per key run across two connections (two processes)', async () => {
    const locks = [await DistributedKeyLock.open(a, ns), await DistributedKeyLock.open(b, ns)];
    let inside = 0;
    let most = 0;
    let counter = 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        locks[i % 2]!.run('bucket-1', async () => {
          inside += 1;
          most = Math.max(most, inside);
          const read = counter;
          await sleep(1); // a read-modify-write that would lose updates without the lock
          counter = read + 1;
          inside -= 1;
        }),
      ),
    );
    expect({ counter, most }).toEqual({ counter: 40, most: 1 });
  });

  it('runs different keys in parallel', async () => {
    const lock = await DistributedKeyLock.open(a, ns);
    let inside = 0;
    let most = 0;
    await Promise.all(
      ['k1', 'k2', 'k3'].map((key) =>
        lock.run(key, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(50);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBeGreaterThan(1);
  });

  it('takes over a lock left by a crashed holder once it expires', async () => {
    const crashed = uniqueNamespace();
    const lock = await DistributedKeyLock.open(a, crashed, { ttlMs: 1_000, acquireTimeoutMs: 10_000 });
    // A holder that never releases: the lock entry is written directly and left behind.
    const kv = await new Kvm(b).open(crashed.stream('locks').replace(/[^A-Za-z0-9_-]/g, '_'));
    const { createHash } = await import('node:crypto');
    await kv.create(createHash('sha256').update('stuck').digest('hex').slice(0, 40), 'crashed-owner');
    const started = Date.now();
    await lock.run('stuck', async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});
