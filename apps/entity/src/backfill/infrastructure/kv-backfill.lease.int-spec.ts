import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testNatsUrl, uniqueNamespace, waitFor } from '@media-monitor/testing';
import { KvBackfillLease } from './kv-backfill.lease.js';

describe('KvBackfillLease (real JetStream key-value store)', () => {
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

  it('is held by one replica at a time, renewed while held, and free once released', async () => {
    const ns = uniqueNamespace();
    const [first, second] = [await KvBackfillLease.open(a, ns, 1_500), await KvBackfillLease.open(b, ns, 1_500)];
    const attempts = await Promise.all([first.tryAcquire(), second.tryAcquire(), first.tryAcquire()]);
    const held = attempts.filter((lease) => lease !== null);
    expect(held).toHaveLength(1);
    // Renewals keep it past its expiry time.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(held[0]?.lost).toBe(false);
    expect(await second.tryAcquire()).toBeNull();
    await held[0]?.release();
    const next = await second.tryAcquire();
    expect(next).not.toBeNull();
    await next?.release();
  });

  it('expires the lease of a holder that stopped renewing (a crash), and its late renewal finds it lost', async () => {
    const ns = uniqueNamespace();
    const crashed = await KvBackfillLease.open(a, ns, 1_000);
    // A holder that wrote the lease and died: its entry is left without renewals.
    const bucket = ns.stream('entity-leases').replace(/[^A-Za-z0-9_-]/g, '_');
    const kv = await new Kvm(b).open(bucket);
    await kv.create('topic-backfill-runner', 'crashed-owner');
    expect(await crashed.tryAcquire()).toBeNull();
    const taken = await waitFor(() => crashed.tryAcquire().then((lease) => lease ?? undefined), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the expired lease taken over',
    });
    expect(taken.lost).toBe(false);
    // Someone else overwrites the entry: the holder's next renewal fails and it stops.
    await kv.put('topic-backfill-runner', 'intruder');
    await waitFor(() => (taken.lost ? true : undefined), { timeoutMs: 5_000, what: 'the lease reported lost' });
    await taken.release();
  });
});
