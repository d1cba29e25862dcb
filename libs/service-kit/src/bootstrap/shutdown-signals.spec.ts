import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../logging/logger.factory.js';
import { installShutdownSignals, type SignalTarget } from './shutdown-signals.js';

function fakeProcess(): SignalTarget & { emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return {
    emitter,
    exits,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    exit: (code) => void exits.push(code),
  };
}

const logger = createLogger({ service: 'test', level: 'silent' });

describe('installShutdownSignals', () => {
  it('closes gracefully on SIGTERM and exits 0', async () => {
    const target = fakeProcess();
    let closed = 0;
    installShutdownSignals({ close: async () => void (closed += 1), logger, timeoutMs: 1000, target });
    target.emitter.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(closed).toBe(1);
    expect(target.exits).toEqual([0]);
  });

  it('exits 1 when close fails', async () => {
    const target = fakeProcess();
    installShutdownSignals({ close: () => Promise.reject(new Error('stuck')), logger, timeoutMs: 1000, target });
    target.emitter.emit('SIGINT', 'SIGINT');
    await sleep(10);
    expect(target.exits).toEqual([1]);
  });

  it('exits 1 after the timeout, and at once on a second signal', async () => {
    const target = fakeProcess();
    installShutdownSignals({ close: () => new Promise(() => undefined), logger, timeoutMs: 30, target });
    target.emitter.emit('SIGTERM', 'SIGTERM');
    await sleep(5);
    expect(target.exits).toEqual([]);
    await sleep(60);
    expect(target.exits).toEqual([1]);
    target.emitter.emit('SIGINT', 'SIGINT');
    expect(target.exits).toEqual([1, 1]);
  });

  it('can be uninstalled', () => {
    const target = fakeProcess();
    const uninstall = installShutdownSignals({ close: async () => undefined, logger, timeoutMs: 1000, target });
    expect(target.emitter.listenerCount('SIGTERM')).toBe(1);
    uninstall();
    expect(target.emitter.listenerCount('SIGTERM')).toBe(0);
    expect(target.emitter.listenerCount('SIGINT')).toBe(0);
  });
});
