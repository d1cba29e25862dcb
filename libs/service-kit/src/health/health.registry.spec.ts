import { describe, expect, it } from '@jest/globals';
import { HealthRegistry } from './health.registry.js';

describe('HealthRegistry', () => {
  it('is ready without checks and reports each check', async () => {
    const health = new HealthRegistry();
    expect(await health.readiness()).toEqual({ ok: true, status: 'ok', checks: {} });
    health.register('db', async () => ({ ok: true }));
    health.register('nats', async () => ({ ok: false, detail: 'disconnected' }));
    const report = await health.readiness();
    expect(report).toMatchObject({
      ok: false,
      status: 'unavailable',
      checks: { db: { ok: true }, nats: { ok: false, detail: 'disconnected' } },
    });
    expect(typeof report.checks['db']?.durationMs).toBe('number');
  });

  it('turns a thrown error or a timeout into a failed check', async () => {
    const health = new HealthRegistry();
    health.register('throws', async () => {
      throw new Error('no route to host');
    });
    health.register('hangs', () => new Promise(() => undefined), { timeoutMs: 20 });
    const report = await health.readiness();
    expect(report.checks['throws']).toMatchObject({ ok: false, detail: 'no route to host' });
    expect(report.checks['hangs']).toMatchObject({ ok: false, detail: 'timed out after 20 ms' });
  });

  it('rejects duplicate names and can unregister', async () => {
    const health = new HealthRegistry();
    const unregister = health.register('db', async () => ({ ok: false }));
    expect(() => health.register('db', async () => ({ ok: true }))).toThrow(
      expect.objectContaining({ code: 'health.duplicate-check' }),
    );
    unregister();
    expect((await health.readiness()).ok).toBe(true);
  });

  it('reports shutting-down once marked, whatever the checks say', async () => {
    const health = new HealthRegistry();
    health.register('db', async () => ({ ok: true }));
    health.markShuttingDown();
    expect(health.isShuttingDown).toBe(true);
    expect(await health.readiness()).toEqual({ ok: false, status: 'shutting-down', checks: {} });
  });
});
