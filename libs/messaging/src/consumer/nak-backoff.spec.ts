import { describe, expect, it } from '@jest/globals';
import { DEFAULT_NAK_BACKOFF_MS, nakDelayMs, recoveryDelayMs, workingIntervalMs } from './nak-backoff.js';

describe('nakDelayMs', () => {
  it('grows with the delivery count and stays at the last entry', () => {
    expect(nakDelayMs(1, [10, 20, 30])).toBe(10);
    expect(nakDelayMs(2, [10, 20, 30])).toBe(20);
    expect(nakDelayMs(3, [10, 20, 30])).toBe(30);
    expect(nakDelayMs(9, [10, 20, 30])).toBe(30);
  });

  it('treats counts below 1 as the first delivery and an empty table as no delay', () => {
    expect(nakDelayMs(0, [10, 20])).toBe(10);
    expect(nakDelayMs(3, [])).toBe(0);
  });

  it('defaults to 1 s, 5 s, 15 s, 30 s, 60 s', () => {
    expect(DEFAULT_NAK_BACKOFF_MS).toEqual([1_000, 5_000, 15_000, 30_000, 60_000]);
    expect(nakDelayMs(2)).toBe(5_000);
  });
});

describe('workingIntervalMs', () => {
  it('is a third of the ack wait, at least 100 ms', () => {
    expect(workingIntervalMs(30_000)).toBe(10_000);
    expect(workingIntervalMs(150)).toBe(100);
  });
});

describe('recoveryDelayMs', () => {
  it('doubles per consecutive failure up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => recoveryDelayMs(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
