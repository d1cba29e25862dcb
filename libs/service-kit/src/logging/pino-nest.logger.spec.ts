import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.factory.js';
import { PinoNestLogger } from './pino-nest.logger.js';

function setup(level: 'info' | 'trace' = 'trace') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'svc',
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { lines, nest: new PinoNestLogger(logger) };
}

describe('PinoNestLogger', () => {
  it('maps Nest levels to pino levels and the context to a field', () => {
    const { lines, nest } = setup();
    nest.log('a', 'AppService');
    nest.warn('b', 'AppService');
    nest.debug('c', 'AppService');
    nest.verbose('d', 'AppService');
    nest.fatal('e', 'AppService');
    expect(lines.map((line) => [line['level'], line['msg'], line['context']])).toEqual([
      ['info', 'a', 'AppService'],
      ['warn', 'b', 'AppService'],
      ['debug', 'c', 'AppService'],
      ['trace', 'd', 'AppService'],
      ['fatal', 'e', 'AppService'],
    ]);
  });

  it('reads the stack and context of error(message, stack, context)', () => {
    const { lines, nest } = setup();
    const stack = 'Error: boom\n    at somewhere (file.js:1:1)';
    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error('only stack', stack);
    nest.error('no stack', undefined, 'Ctx');
    nest.error('just context', 'Ctx');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({ msg: 'only stack', stack });
    expect(lines[1]).not.toHaveProperty('context');
    expect(lines[2]).toMatchObject({ msg: 'no stack', context: 'Ctx' });
    expect(lines[2]).not.toHaveProperty('params');
    expect(lines[3]).toMatchObject({ msg: 'just context', context: 'Ctx' });
  });

  it('logs Error and object messages as fields', () => {
    const { lines, nest } = setup();
    nest.error(new Error('kaput'), 'Ctx');
    nest.log({ msg: 'structured', articleId: 'a1' }, 'Ctx');
    expect(lines[0]).toMatchObject({ msg: 'kaput', context: 'Ctx', err: { message: 'kaput', type: 'Error' } });
    expect(lines[1]).toMatchObject({ msg: 'structured', articleId: 'a1', context: 'Ctx' });
  });

  it('demotes Nest start-up chatter to debug', () => {
    const { lines, nest } = setup('info');
    nest.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.log('kept', 'AppService');
    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
  });
});
