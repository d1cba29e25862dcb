import { describe, expect, it } from '@jest/globals';
import { isDuplicateKeyError } from './duplicate-key.js';

describe('isDuplicateKeyError', () => {
  it('recognises codes 11000 and 11001', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError(Object.assign(new Error('E11001'), { code: 11001 }))).toBe(true);
  });

  it('looks inside bulk write errors', () => {
    expect(isDuplicateKeyError({ code: 65, writeErrors: [{ code: 121 }, { code: 11000 }] })).toBe(true);
    expect(isDuplicateKeyError({ writeErrors: { code: 11000 } })).toBe(true);
    expect(isDuplicateKeyError({ result: { writeErrors: [{ code: 11000 }] } })).toBe(true);
  });

  it('rejects everything else', () => {
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
    expect(isDuplicateKeyError({ code: 112 })).toBe(false);
    expect(isDuplicateKeyError({ writeErrors: [{ code: 121 }, null] })).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError('E11000')).toBe(false);
  });
});
