import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentCorrelationId, runWithCorrelationId } from './correlation.context.js';

describe('correlation context', () => {
  it('is visible across awaits inside the run and absent outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await runWithCorrelationId('c-1', async () => {
      await sleep(1);
      return currentCorrelationId();
    });
    expect(seen).toBe('c-1');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps concurrent runs apart', async () => {
    const ids = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        runWithCorrelationId(id, async () => {
          await sleep(3);
          return currentCorrelationId();
        }),
      ),
    );
    expect(ids).toEqual(['a', 'b', 'c']);
  });
});
