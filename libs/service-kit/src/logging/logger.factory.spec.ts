import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.factory.js';

/** Collects the JSON lines pino writes. */
function memoryDestination(): { write(line: string): void; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines with service, level label and time', () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'trends', level: 'info', destination });
    logger.info({ topic: 'ai' }, 'hello');
    logger.debug('hidden');
    expect(destination.lines).toHaveLength(1);
    expect(destination.lines[0]).toMatchObject({ service: 'trends', level: 'info', msg: 'hello', topic: 'ai' });
    expect(typeof destination.lines[0]?.['time']).toBe('string');
    expect(destination.lines[0]).not.toHaveProperty('correlationId');
  });

  it('adds the correlation id the getter returns at the time of each line', () => {
    const destination = memoryDestination();
    let current: string | undefined = 'corr-1';
    const logger = createLogger({ service: 'alert', level: 'debug', destination, correlationId: () => current });
    logger.info('first');
    current = undefined;
    logger.warn('second');
    current = 'corr-2';
    logger.child({ component: 'x' }).debug('third');
    expect(destination.lines.map((line) => line['correlationId'])).toEqual(['corr-1', undefined, 'corr-2']);
    expect(destination.lines[2]).toMatchObject({ component: 'x', level: 'debug' });
  });
});
