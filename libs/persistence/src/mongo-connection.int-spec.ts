import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import mongoose, { type Connection } from 'mongoose';
import { createServer } from 'node:net';
import { createMongoConnection } from './mongo-connection.factory.js';
import { MongoHealthIndicator } from './mongo-health.indicator.js';
import { ensureIndexes, type SkippedIndex } from './mongo-indexes.js';
import { PersistenceModule } from './persistence.module.js';
import { MONGO_CONNECTION } from './persistence.tokens.js';

/** A TCP port nothing listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('MongoDB connection against FerretDB', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('conn') },
      { appName: 'persistence-conn-spec' },
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('connects to the requested database with autoIndex/autoCreate off', () => {
    expect(connection.readyState).toBe(1);
    expect(connection.name).toMatch(/^conn_/);
    expect(connection.get('autoIndex')).toBe(false);
    expect(connection.get('autoCreate')).toBe(false);
  });

  it('reports healthy while connected and unhealthy once closed', async () => {
    expect(await new MongoHealthIndicator(connection).check()).toEqual({ ok: true });
    const other = await createMongoConnection({ uri: testInfra().mongoUri, dbName: 'unused' }, { appName: 'closing' });
    await other.close();
    expect(await new MongoHealthIndicator(other).check()).toEqual({
      ok: false,
      detail: 'connection state is disconnected',
    });
  });

  it('fails fast with a coded error when no server answers', async () => {
    const port = await unusedPort();
    await expect(
      createMongoConnection(
        { uri: `mongodb://user:secret@127.0.0.1:${port}/`, dbName: 'x' },
        { appName: 'nobody', serverSelectionTimeoutMs: 300 },
      ),
    ).rejects.toMatchObject({ code: 'persistence.connect-failed', message: expect.stringContaining('user:***@') });
  });

  it('creates unique and compound indexes', async () => {
    const schema = new mongoose.Schema({ topic: String, bucketStart: Date, articleId: String });
    schema.index({ topic: 1, bucketStart: -1 }, { unique: true });
    schema.index({ articleId: 1 });
    const model = connection.model('Indexed', schema, 'indexed');
    const result = await ensureIndexes(connection, [model]);
    expect(result).toEqual({ complete: ['Indexed'], skipped: [] });
    const indexes = await model.collection.indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { topic: 1, bucketStart: -1 }, unique: true }),
        expect.objectContaining({ key: { articleId: 1 } }),
      ]),
    );
    await model.create({ topic: 't', bucketStart: new Date(0) });
    await expect(model.create({ topic: 't', bucketStart: new Date(0) })).rejects.toMatchObject({ code: 11000 });
  });

  it('skips indexes with options FerretDB v1 lacks, or fails clearly when asked to', async () => {
    const schema = new mongoose.Schema({ key: String, expiresAt: Date });
    schema.index({ key: 1 }, { unique: true });
    schema.index({ expiresAt: 1 }, { expireAfterSeconds: 60 });
    const model = connection.model('WithTtl', schema, 'with_ttl');
    const reported: SkippedIndex[] = [];
    const result = await ensureIndexes(connection, [model], { onSkipped: (s) => reported.push(s) });
    // FerretDB v1 answers NotImplemented for TTL indexes; real MongoDB creates them.
    const isFerret = result.skipped.length > 0;
    if (isFerret) {
      expect(result.complete).toEqual([]);
      expect(result.skipped).toEqual([
        expect.objectContaining({
          model: 'WithTtl',
          fields: { expiresAt: 1 },
          reason: expect.stringContaining('expireAfterSeconds'),
        }),
      ]);
      expect(reported).toEqual(result.skipped);
      await expect(ensureIndexes(connection, [model], { unsupported: 'throw' })).rejects.toMatchObject({
        code: 'persistence.index-unsupported',
      });
    }
    const keys = (await model.collection.indexes()).map((index) => index.key);
    expect(keys).toContainEqual({ key: 1 });
  });

  it('refuses a model of another connection', async () => {
    const stray = mongoose.createConnection().model('Stray', new mongoose.Schema({ a: String }));
    await expect(ensureIndexes(connection, [stray])).rejects.toMatchObject({ code: 'persistence.index-failed' });
  });
});

describe('PersistenceModule', () => {
  it('provides the connection and health indicator, and closes the connection on shutdown', async () => {
    const dbName = uniqueDatabaseName('module');
    @Module({
      imports: [
        PersistenceModule.forRootAsync({
          useFactory: () => ({ uri: testInfra().mongoUri, dbName, appName: 'module-spec' }),
        }),
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const connection = app.get<Connection>(MONGO_CONNECTION);
    expect(connection.readyState).toBe(1);
    expect(connection.name).toBe(dbName);
    expect(await app.get(MongoHealthIndicator).check()).toEqual({ ok: true });
    await app.close();
    expect(connection.readyState).toBe(0);
  });
});
