import { describe, expect, it } from '@jest/globals';
import { insertEachOnce } from './insert-once.js';

const failing = (error: unknown) => ({
  insertMany: async () => {
    throw error;
  },
});

describe('insertEachOnce', () => {
  it('returns the indices refused as duplicates, in order', async () => {
    const error = Object.assign(new Error('E11000'), {
      writeErrors: [
        { index: 3, code: 11000 },
        { index: 1, code: 11000 },
      ],
    });
    expect(await insertEachOnce(failing(error), [{}, {}, {}, {}])).toEqual([1, 3]);
  });

  it('throws any other write error, also when mixed with duplicates', async () => {
    const mixed = Object.assign(new Error('bulk'), {
      writeErrors: [
        { index: 0, code: 11000 },
        { index: 1, code: 121 },
      ],
    });
    await expect(insertEachOnce(failing(mixed), [{}, {}])).rejects.toBe(mixed);
    const network = new Error('connection reset');
    await expect(insertEachOnce(failing(network), [{}])).rejects.toBe(network);
  });
});
