import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { uniqueDatabaseName, uniqueNamespace, serviceTestEnv } from '@media-monitor/testing';
import { AlertsController } from './alerts/alerts.controller.js';
import { ArticlesController } from './articles/articles.controller.js';
import { EntitySummaryController } from './entities/entity-summary.controller.js';
import { StreamController } from './stream/stream.controller.js';
import { ApiKeysController } from './auth/api-keys.controller.js';
import { API_VERSION, gatewayService } from './gateway.service.js';
import { ROUTES, buildOpenApiDocument } from './openapi/openapi.document.js';
import { RegistryController } from './registry/registry.controller.js';
import { TopicsController } from './topics/topics.controller.js';
import { SourcesController } from './sources/sources.controller.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { TrendsController } from './trends/trends.controller.js';

const ADMIN_KEY = `mmk_0123456789ab_${'A'.repeat(43)}`;
const RATE_LIMIT = 40;

describe('gateway HTTP surface (real NATS and FerretDB; no trends service running)', () => {
  let service: RunningService;
  const url = (path: string) => `${service.url}${path}`;
  const call = (path: string, key?: string, init: RequestInit = {}) =>
    fetch(url(path), {
      ...init,
      headers: {
        ...(key ? { 'x-api-key': key } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  const createKey = async (scopes: string[]) => {
    const res = await call('/v1/api-keys', ADMIN_KEY, {
      method: 'POST',
      body: JSON.stringify({ name: 'test', scopes }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { key: { id: string; scopes: string[] }; token: string };
  };

  beforeAll(async () => {
    service = await startServiceInProcess({
      ...gatewayService,
      env: {
        ...serviceTestEnv(uniqueNamespace().value, uniqueDatabaseName('gateway')),
        API_BOOTSTRAP_KEY: ADMIN_KEY,
        CORS_ORIGINS: 'https://dashboard.example.org',
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('refuses requests without a valid key, and leaves probes open', async () => {
    for (const key of [undefined, 'not-a-key', `mmk_ffffffffffff_${'B'.repeat(43)}`, ADMIN_KEY.slice(0, -1) + 'B']) {
      const res = await call('/v1/topics/bars/trends', key);
      expect({ key, status: res.status, body: await res.json() }).toMatchObject({
        key,
        status: 401,
        body: { error: { code: 'auth.invalid_key' } },
      });
    }
    expect((await fetch(url('/health/live'))).status).toBe(200);
    expect((await fetch(url('/metrics'))).status).toBe(200);
  });

  it('issues, lists and revokes scoped keys; only admin keys manage keys', async () => {
    const { key, token } = await createKey(['read']);
    expect(token).toMatch(/^mmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const listed = (await (await call('/v1/api-keys', ADMIN_KEY)).json()) as { keys: Array<Record<string, unknown>> };
    const entry = listed.keys.find((k) => k['id'] === key.id);
    expect(entry).toMatchObject({ name: 'test', scopes: ['read'], revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token.slice(-43));
    expect(entry).not.toHaveProperty('hash');

    const forbidden = await call('/v1/api-keys', token);
    expect({ status: forbidden.status, body: await forbidden.json() }).toMatchObject({
      status: 403,
      body: { error: { code: 'auth.insufficient_scope' } },
    });
    // A read key passes auth; with no trends service running the gateway says so (503), without a stack.
    const trend = await call('/v1/topics/bars/trends', token);
    expect({ status: trend.status, body: await trend.json() }).toEqual({
      status: 503,
      body: { error: { code: 'messaging.no_responders', message: expect.any(String) } },
    });

    expect((await call(`/v1/api-keys/${key.id}`, ADMIN_KEY, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/v1/topics/bars/trends', token)).status).toBe(401);
    const again = await call(`/v1/api-keys/${key.id}`, ADMIN_KEY, { method: 'DELETE' });
    expect({ status: again.status, body: await again.json() }).toMatchObject({
      status: 404,
      body: { error: { code: 'auth.key_not_found' } },
    });
  });

  it('rejects unknown and malformed fields with a code', async () => {
    for (const body of [
      { name: 'x', scopes: ['read'], extra: true },
      { name: '', scopes: [] },
      { name: 'x', scopes: ['root'] },
    ]) {
      const res = await call('/v1/api-keys', ADMIN_KEY, { method: 'POST', body: JSON.stringify(body) });
      expect({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({
        status: 400,
        code: 'gateway.invalid_body',
      });
    }
  });

  it('sends security headers and allows only the configured browser origins', async () => {
    const res = await call('/v1/topics/bars/trends');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    const preflight = (origin: string) =>
      fetch(url('/v1/topics/bars/trends'), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
      });
    expect((await preflight('https://dashboard.example.org')).headers.get('access-control-allow-origin')).toBe(
      'https://dashboard.example.org',
    );
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits requests per key and says when to retry', async () => {
    const { token } = await createKey(['read']);
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i += 1) statuses.push((await call('/v1/topics/bars/top', token)).status);
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s !== 429)).toBe(true);
    const limited = await call('/v1/topics/bars/top', token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('gateway.rate_limited');
    // Another key has its own budget.
    expect((await call('/v1/topics/bars/top', ADMIN_KEY)).status).not.toBe(429);
  });

  it('serves the OpenAPI document that is committed, documenting exactly the routes it serves', async () => {
    const served = (await (await fetch(url('/docs/json'))).json()) as unknown;
    const built = buildOpenApiDocument(API_VERSION);
    expect(served).toEqual(built);
    const committed = JSON.parse(
      readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(built); // run `npm run openapi` after changing a route
    expect((await fetch(url('/docs'), { redirect: 'follow' })).status).toBe(200);

    const routes = [
      TrendsController,
      ArticlesController,
      EntitySummaryController,
      StreamController,
      AlertsController,
      ApiKeysController,
      TopicsController,
      RegistryController,
      SourcesController,
      DeadLettersController,
    ].flatMap((controller) => {
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
      return Object.getOwnPropertyNames(controller.prototype)
        .filter((name) => name !== 'constructor')
        .map((name) => (controller.prototype as unknown as Record<string, unknown>)[name])
        .filter((fn): fn is object => typeof fn === 'function' && Reflect.hasMetadata(PATH_METADATA, fn))
        .map((fn) => {
          const path = Reflect.getMetadata(PATH_METADATA, fn) as string;
          const method = String(RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod]).toLowerCase();
          const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/:([A-Za-z]+)/g, '{$1}');
          return `${method} ${full}`;
        });
    });
    expect(routes.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});
