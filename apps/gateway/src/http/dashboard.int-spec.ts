import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { uniqueDatabaseName, uniqueNamespace, serviceTestEnv } from '@media-monitor/testing';
import { gatewayService } from '../gateway.service.js';
import { DASHBOARD_CSP } from './dashboard.plugin.js';

const INDEX = '<!doctype html><title>dashboard</title><script type="module" src="/app/assets/index-Ab12.js"></script>';

async function startGateway(dashboardDir: string): Promise<RunningService> {
  return startServiceInProcess({
    ...gatewayService,
    env: {
      ...serviceTestEnv(uniqueNamespace().value, uniqueDatabaseName('gateway')),
      DASHBOARD_DIR: dashboardDir,
    },
  });
}

describe('the gateway serves the dashboard (a build in a temporary folder)', () => {
  let dir: string;
  let service: RunningService;
  const get = (path: string) => fetch(`${service.url}${path}`, { redirect: 'manual' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12.js'), 'console.log("app");');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.build-hash'), 'secret-ish');
    service = await startGateway(dir);
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every client-side route with the page, under a strict policy and revalidated', async () => {
    for (const path of ['/app/', '/app/topics/bars', '/app/entities/unit:bars-kursk?range=7d', '/app/.build-hash']) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('serves hashed assets for a year and refuses missing ones with a 404, not the page', async () => {
    const asset = await get('/app/assets/index-Ab12.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app");');
    expect((await get('/app/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/app/assets/gone-Zz99.js')).status).toBe(404);
    // Nothing outside the build folder is reachable.
    const traversal = await get('/app/..%2F..%2F..%2Fetc%2Fpasswd');
    expect(await traversal.text()).not.toContain('root:');
  });

  it('sends / and /app to /app/, and leaves the API its own policy', async () => {
    for (const path of ['/', '/app']) {
      const res = await get(path);
      expect({ path, status: res.status, location: res.headers.get('location') }).toEqual({
        path,
        status: 302,
        location: '/app/',
      });
    }
    const api = await get('/v1/topics/bars/trends');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('content-security-policy')).not.toBe(DASHBOARD_CSP);
  });
});

describe('the gateway without a dashboard build', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startGateway(join(tmpdir(), 'no-dashboard-here'));
  });

  afterAll(async () => {
    await service?.close();
  });

  it('says the dashboard is not built and keeps serving the API', async () => {
    const res = await fetch(`${service.url}/app/topics/bars`);
    expect({ status: res.status, body: await res.json() }).toMatchObject({
      status: 503,
      body: { error: { code: 'dashboard.not_built' } },
    });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
  });
});
