import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testInfra, uniqueDatabaseName } from '@media-monitor/testing';
import mongoose, { type Connection, type Model } from 'mongoose';
import { createMongoConnection } from './mongo-connection.factory.js';
import { trusted } from './trusted.js';

interface PersonDoc {
  _id: string;
  name: string;
  visits: number;
  meta?: Record<string, unknown>;
}

const personSchema = new mongoose.Schema<PersonDoc>(
  { _id: String, name: String, visits: { type: Number, default: 0 }, meta: mongoose.Schema.Types.Mixed },
  { versionKey: false },
);

/** What a request body or a message could carry where the code expects a plain value. */
const injected = (): Record<string, unknown> => JSON.parse('{"$ne":null}') as Record<string, unknown>;

describe('query filters on a connection from createMongoConnection (FerretDB)', () => {
  const dbName = uniqueDatabaseName('guards');
  let connection: Connection;
  let plain: Connection;
  let People: Model<PersonDoc>;
  let PlainPeople: Model<PersonDoc>;

  beforeAll(async () => {
    connection = await createMongoConnection({ uri: testInfra().mongoUri, dbName }, { appName: 'query-guards-spec' });
    plain = await mongoose.createConnection(testInfra().mongoUri, { dbName }).asPromise();
    People = connection.model<PersonDoc>('Person', personSchema, 'people');
    PlainPeople = plain.model<PersonDoc>('Person', personSchema, 'people');
    await People.insertMany([
      { _id: 'p1', name: 'ada', meta: { team: 'x' } },
      { _id: 'p2', name: 'bob', meta: { team: 'y' } },
    ]);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await plain.close();
    await connection.close();
  });

  it('is set on the connection', () => {
    expect(connection.get('sanitizeFilter')).toBe(true);
    expect(connection.base.get('strictQuery')).toBe('throw');
    expect(plain.get('sanitizeFilter')).toBeUndefined();
  });

  it('compares an injected operator object as a value: refused on a typed path, matching nothing on a Mixed one', async () => {
    // Without the guard (a connection of the default mongoose instance) the same filters match all.
    expect(await PlainPeople.countDocuments({ name: injected() })).toBe(2);
    expect(await PlainPeople.countDocuments({ meta: injected() })).toBe(2);

    // `{ name: { $eq: { $ne: null } } }`: an object is no string, so the query fails to cast.
    await expect(People.find({ name: injected() }).lean()).rejects.toMatchObject({ name: 'CastError' });
    await expect(People.countDocuments({ $or: [{ _id: 'none' }, { name: injected() }] })).rejects.toMatchObject({
      name: 'CastError',
    });
    await expect(People.updateMany({ name: injected() }, { $inc: { visits: 1 } })).rejects.toMatchObject({
      name: 'CastError',
    });
    await expect(People.deleteMany({ _id: injected() })).rejects.toMatchObject({ name: 'CastError' });

    // `{ meta: { $eq: { $ne: null } } }`: no document holds that object.
    expect(await People.find({ meta: injected() }).lean()).toEqual([]);
    expect(await People.findOne({ meta: injected() }).lean()).toBeNull();
    expect(await People.countDocuments({ meta: injected() })).toBe(0);
    expect(await People.countDocuments({ $or: [{ _id: 'none' }, { meta: injected() }] })).toBe(0);
    expect((await People.updateMany({ meta: injected() }, { $inc: { visits: 1 } })).matchedCount).toBe(0);
    expect(await People.findOneAndUpdate({ meta: injected() }, { $inc: { visits: 1 } }).lean()).toBeNull();
    expect((await People.deleteMany({ meta: injected() })).deletedCount).toBe(0);
    expect(await People.countDocuments({ visits: 0 })).toBe(2);
    // The connection's setting wins over a query's own option.
    expect(await People.countDocuments({ meta: injected() }).setOptions({ sanitizeFilter: false })).toBe(0);
  });

  it('keeps operator objects marked with trusted()', async () => {
    expect(await People.countDocuments({ name: trusted({ $ne: null }) })).toBe(2);
    expect((await People.find({ _id: trusted({ $in: ['p2', 'p9'] }) }).lean()).map((p) => p._id)).toEqual(['p2']);
    expect(await People.countDocuments({ $or: [{ name: trusted({ $gt: 'b' }) }, { _id: 'p1' }] })).toBe(2);
    expect(await People.countDocuments({ name: { $eq: 'ada' } })).toBe(1);
  });

  it('leaves update documents alone', async () => {
    await People.updateOne({ _id: 'p1' }, { $inc: { visits: 2 }, $set: { 'meta.seen': true } });
    expect(await People.findById('p1').lean()).toMatchObject({ visits: 2, meta: { team: 'x', seen: true } });
  });

  it('refuses $where and $expr', async () => {
    await expect(People.find({ $where: 'true' }).lean()).rejects.toThrow('$where is not allowed with sanitizeFilter');
    await expect(People.find({ $expr: { $eq: ['$name', 'ada'] } }).lean()).rejects.toThrow(
      '$expr is not allowed with sanitizeFilter',
    );
  });

  it('refuses a filter on a path the schema does not declare, and allows paths under a Mixed field', async () => {
    await expect(People.find({ nmae: 'ada' } as never).lean()).rejects.toMatchObject({ name: 'StrictModeError' });
    await expect(People.countDocuments({ nmae: 'ada' } as never)).rejects.toMatchObject({ name: 'StrictModeError' });
    expect(await People.countDocuments({ 'meta.team': 'y' })).toBe(1);
    // The default instance keeps mongoose's default (`strictQuery` off): the unknown path is sent as it is.
    expect(await PlainPeople.countDocuments({ nmae: 'ada' } as never)).toBe(0);
  });
});
