import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeySerializer } from './key-serializer.js';

describe('KeySerializer', () => {
  it('runs tasks of one key one at a time, in order, and other keys in parallel', async () => {
    const serializer = new KeySerializer();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (key: string, i: number) =>
      serializer.run(key, async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        log.push(`${key}${i}:start`);
        await sleep(5);
        log.push(`${key}${i}:end`);
        running -= 1;
        return i;
      });
    const results = await Promise.all([task('a', 1), task('a', 2), task('b', 1)]);
    expect(results).toEqual([1, 2, 1]);
    expect(log.indexOf('a1:end')).toBeLessThan(log.indexOf('a2:start'));
    expect(maxRunning).toBe(2);
    expect(serializer.size).toBe(0);
  });

  it('keeps going after a failed task and reports the failure to its caller', async () => {
    const serializer = new KeySerializer();
    const failed = serializer.run('k', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(serializer.run('k', async () => 'next')).resolves.toBe('next');
  });
});
