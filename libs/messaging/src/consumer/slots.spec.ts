import { describe, expect, it } from '@jest/globals';
import { Slots } from './slots.js';

describe('Slots', () => {
  it('counts taken slots and wakes a waiter on release', async () => {
    const slots = new Slots(2);
    slots.take();
    slots.take();
    expect(slots.free).toBe(0);
    expect(() => slots.take()).toThrow('no free slot');
    let woke = false;
    const waiting = slots.waitForFree().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    slots.release();
    await waiting;
    expect(woke).toBe(true);
    expect(slots.inUse).toBe(1);
  });

  it('lets interrupt() release waiters without freeing a slot', async () => {
    const slots = new Slots(1);
    slots.take();
    const waiting = slots.waitForFree();
    slots.interrupt();
    await waiting;
    expect(slots.free).toBe(0);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new Slots(0)).toThrow('concurrency');
  });
});
