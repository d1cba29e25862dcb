import { describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { PersistenceError } from '../persistence.errors.js';
import { trusted } from '../trusted.js';
import { guardedIncrement } from './guarded-increment.js';
import type { WriteTarget } from './write-target.js';

/** A scripted stand-in for a collection: no I/O, just the control flow around duplicate keys. */
function scriptedTarget(updates: ('ok' | 'duplicate')[], recorded: number[]): WriteTarget & { calls: object[][] } {
  const calls: object[][] = [];
  return {
    calls,
    insertOne: () => Promise.resolve(),
    updateOne: (filter, update, options) => {
      calls.push([filter, update, options ?? {}]);
      const next = updates.shift();
      return next === 'duplicate'
        ? Promise.reject(Object.assign(new Error('E11000'), { code: 11000 }))
        : Promise.resolve();
    },
    countDocuments: () => Promise.resolve(recorded.shift() ?? 0),
  };
}

describe('guardedIncrement (control flow)', () => {
  it('issues one guarded upsert with $inc, $push and the optional operators', async () => {
    const target = scriptedTarget(['ok'], []);
    const outcome = await guardedIncrement(target, {
      key: { topic: 't', bucket: 1 },
      contributionId: 'e1',
      inc: { count: 1 },
      setOnInsert: { createdBy: 'x' },
      set: { lastSeen: 2 },
      addToSet: { sources: 's1' },
    });
    expect(outcome).toBe('applied');
    expect(target.calls).toEqual([
      [
        { topic: 't', bucket: 1, contributors: trusted({ $ne: 'e1' }) },
        {
          $inc: { count: 1 },
          $push: { contributors: 'e1' },
          $setOnInsert: { createdBy: 'x' },
          $set: { lastSeen: 2 },
          $addToSet: { sources: 's1' },
        },
        { upsert: true },
      ],
    ]);
  });

  it('answers already-applied when the duplicate key comes from a recorded contribution', async () => {
    const target = scriptedTarget(['duplicate'], [1]);
    await expect(guardedIncrement(target, { key: { _id: 'a' }, contributionId: 'e1', inc: { n: 1 } })).resolves.toBe(
      'already-applied',
    );
    expect(target.calls).toHaveLength(1);
  });

  it('retries when it lost the race to create the document', async () => {
    const target = scriptedTarget(['duplicate', 'ok'], [0]);
    await expect(
      guardedIncrement(target, { key: { _id: 'a' }, contributionId: 'e2', guardField: 'ids', inc: { n: 1 } }),
    ).resolves.toBe('applied');
    expect(target.calls).toHaveLength(2);
  });

  it('gives up with a coded error when duplicates persist without the contribution recorded', async () => {
    const target = scriptedTarget(['duplicate', 'duplicate', 'duplicate'], [0, 0, 0]);
    const outcome = guardedIncrement(target, { key: { k: 1 }, contributionId: 'e3', inc: { n: 1 } });
    await expect(outcome).rejects.toBeInstanceOf(PersistenceError);
    await expect(outcome).rejects.toMatchObject({ code: 'persistence.guarded-increment-conflict' });
  });

  it('refuses a mongoose model whose schema lacks the guard field', async () => {
    const connection = mongoose.createConnection();
    const model = connection.model('NoGuard', new mongoose.Schema({ n: Number }));
    await expect(
      guardedIncrement(model, { key: { _id: 'a' }, contributionId: 'e1', inc: { n: 1 } }),
    ).rejects.toMatchObject({ code: 'persistence.guard-field-missing' });
    await connection.close();
  });
});
