import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import mongoose, { type Connection } from 'mongoose';
import { createMongoConnection } from '../mongo-connection.factory.js';
import { ensureIndexes } from '../mongo-indexes.js';
import { trusted } from '../trusted.js';
import { findEachById, findEachByValue } from './find-each.js';

interface BandDoc {
  _id: string;
  bands: string[];
  signature: string;
}

const bandSchema = new mongoose.Schema<BandDoc>(
  { _id: String, bands: { type: [String], default: [] }, signature: String },
  { versionKey: false },
);
bandSchema.index({ bands: 1 });

describe('reads by key against FerretDB', () => {
  let connection: Connection;
  const Bands = () =>
    (connection.models['Bands'] as mongoose.Model<BandDoc> | undefined) ??
    connection.model<BandDoc>('Bands', bandSchema, 'bands');

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('reads') },
      { appName: 'find-each-int-spec' },
    );
    await ensureIndexes(connection, [Bands() as never]);
    await Bands().insertMany(
      Array.from({ length: 40 }, (_, i) => ({ _id: `a${i}`, bands: [`b${i % 5}`, `c${i % 7}`], signature: `s${i}` })),
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('findEachById returns the existing documents in the order asked, once each, with the projection', async () => {
    const docs = await findEachById(Bands(), ['a3', 'missing', 'a1', 'a3', 'a39'], { signature: 1 });
    expect(docs).toEqual([
      { _id: 'a3', signature: 's3' },
      { _id: 'a1', signature: 's1' },
      { _id: 'a39', signature: 's39' },
    ]);
    expect(await findEachById(Bands(), [])).toEqual([]);
  });

  it('findEachByValue finds array members by any value, merges by _id, filters and limits', async () => {
    const docs = await findEachByValue(Bands(), 'bands', ['b2', 'c3'], { projection: { _id: 1 } });
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 5 === 2 || i % 7 === 3)
      .map((i) => `a${i}`);
    expect(docs.map((d) => d._id).sort()).toEqual(expected.sort());
    const filtered = await findEachByValue(Bands(), 'bands', ['b2'], { extra: { _id: trusted({ $ne: 'a2' }) } });
    expect(filtered.map((d) => d._id)).not.toContain('a2');
    expect(filtered).toHaveLength(7);
    expect(await findEachByValue(Bands(), 'bands', ['b0', 'b1'], { limit: 3 })).toHaveLength(3);
  });
});
