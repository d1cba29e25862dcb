import { describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { testInfra, uniqueDatabaseName, uniqueNamespace } from './index.js';

describe('test harness', () => {
  it('hands out a reachable JetStream-enabled nats-server', async () => {
    const nc = await connect({ servers: testInfra().natsUrl });
    const jsm = await jetstreamManager(nc);
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeDefined();
    await nc.close();
  });

  it('hands out a reachable MongoDB-protocol server and isolated names', async () => {
    const db = uniqueDatabaseName();
    const conn = await mongoose.createConnection(testInfra().mongoUri, { dbName: db }).asPromise();
    await conn.collection('probe').insertOne({ _id: 'x' } as never);
    expect(await conn.collection('probe').countDocuments()).toBe(1);
    await conn.dropDatabase();
    await conn.close();
    expect(uniqueNamespace().value).not.toBe(uniqueNamespace().value);
  });
});
