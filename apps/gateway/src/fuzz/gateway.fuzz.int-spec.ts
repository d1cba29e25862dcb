import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { uniqueDatabaseName, uniqueNamespace, serviceTestEnv } from '@media-monitor/testing';
import { gatewayService } from '../gateway.service.js';
import { ROUTES, type RouteDoc } from '../openapi/openapi.document.js';

const ADMIN_KEY = `mmk_fffffffffff0_${'F'.repeat(43)}`;
/** Each request of a run must be answered within this many milliseconds (fast-check's per-run limit). */
const RUN_TIMEOUT_MS = 10_000;
const RUNS = { numRuns: 100, seed: 1131, timeout: RUN_TIMEOUT_MS, interruptAfterTimeLimit: 120_000 };

/** Statuses a hostile request may get: a client error, or "the owning service is not running" (none is, here). */
const ALLOWED = new Set([200, 201, 202, 204, 400, 401, 403, 404, 405, 409, 413, 414, 415, 429, 431, 503, 504]);

const hostileText = fc.oneof(
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.string({ maxLength: 80, unit: 'grapheme' }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%',
    '%E0%A4%A',
    '{"$gt":""}',
    '$where',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    'a'.repeat(5_000),
    '-1',
    '1e309',
    'NaN',
    '9007199254740993',
    '\u202e',
    '😀',
  ),
);

/** JSON-ish bodies that attack the parser and the schemas: prototype keys, operators, deep nesting. */
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{',
    '{"a":',
    '[',
    'null',
    '"just a string"',
    '{"__proto__":{"admin":true},"name":"x","scopes":["read"]}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"name":{"$ne":null},"scopes":{"$in":["admin"]}}',
    '{"query":{"$where":"sleep(1000)"}}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_001)}`,
    '\u0000',
    '\uFEFF{}',
  ),
  hostileText,
);

const BY_NAME = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));
/** Routes by name, so that a failure prints `get /v1/...`, not the route's schemas. */
const routeName = (routes: readonly RouteDoc[]) => fc.constantFrom(...routes.map((r) => `${r.method} ${r.path}`));
const routeOf = (name: string): RouteDoc => BY_NAME.get(name) as RouteDoc;

function pathOf(route: RouteDoc, values: string[]): string {
  let i = 0;
  return route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? 'x'));
}

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

describe('every gateway route under malformed, huge and hostile input (fast-check, real NATS and FerretDB)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startServiceInProcess({
      ...gatewayService,
      env: {
        ...serviceTestEnv(uniqueNamespace('gwfz').value, uniqueDatabaseName('gwfuzz')),
        API_BOOTSTRAP_KEY: ADMIN_KEY,
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  async function send(method: string, path: string, init: { body?: string; type?: string; key?: string }) {
    const controller = new AbortController();
    const res = await fetch(`${service.url}${path}`, {
      method: method.toUpperCase(),
      headers: {
        'x-api-key': init.key ?? ADMIN_KEY,
        ...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: controller.signal,
    });
    const type = res.headers.get('content-type');
    // A live stream that opened is an answer; it is not read to its (never coming) end.
    if (type?.startsWith('text/event-stream')) {
      controller.abort();
      return { status: res.status, type, body: '' };
    }
    return { status: res.status, type, body: await res.text() };
  }

  function expectClientError(what: string, answer: Answer) {
    expect({ what, allowed: ALLOWED.has(answer.status), status: answer.status }).toEqual({
      what,
      allowed: true,
      status: answer.status,
    });
    if (answer.status >= 400) {
      expect({ what, type: answer.type, body: answer.body.slice(0, 300) }).toMatchObject({
        type: expect.stringMatching(/^application\/json/),
        body: expect.stringMatching(/^\{"error":\{/),
      });
      const parsed = JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof parsed.error?.code).toBe('string');
      expect(typeof parsed.error?.message).toBe('string');
      expect(answer.body).not.toMatch(/\n\s+at |node_modules/); // no stack traces
    }
  }

  it('answers hostile path parameters and query strings with a 4xx and the error shape, never a 500', async () => {
    const route = routeName(ROUTES);
    const params = fc.array(hostileText, { minLength: 3, maxLength: 3 });
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom('limit', 'cursor', 'from', 'to', 'interval', 'tz', 'topics', 'format', 'q'),
        hostileText,
      ),
      hostileText,
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(route, params, query, async (name, values, q) => {
        const r = routeOf(name);
        const search = new URLSearchParams(q).toString();
        const path = `${pathOf(r, values)}${search ? `?${search}` : ''}`;
        expectClientError(`${r.method} ${path.slice(0, 200)}`, await send(r.method, path, {}));
      }),
      RUNS,
    );
  });

  it('answers malformed and hostile JSON bodies, wrong content types and unknown fields with a 4xx', async () => {
    const writes = ROUTES.filter((r) => r.method !== 'get');
    await fc.assert(
      fc.asyncProperty(
        routeName(writes),
        hostileBody,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
        async (name, body, type) => {
          const r = routeOf(name);
          const path = pathOf(r, ['fuzz-target', 'x', 'y']);
          expectClientError(
            `${r.method} ${path} ${type} ${body.slice(0, 80)}`,
            await send(r.method, path, { body, type }),
          );
        },
      ),
      RUNS,
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  // Regressions: the inputs the properties above found, each kept as a plain example.
  it('regression: an unknown route (an empty path parameter) answers 404 in the error shape', async () => {
    for (const path of ['/v1/topics//trends', '/v1/nothing-here', '/v1/dead-letters//replay']) {
      const answer = await send('get', path, {});
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'http.404', message: expect.any(String) } });
    }
  });

  it('regression: a too long or malformed path parameter answers in the error shape, without echoing it', async () => {
    for (const [path, status] of [
      [`/v1/topics/${'a'.repeat(5_000)}/trends`, 414],
      ['/v1/topics/%E0%A4%A/trends', 400],
    ] as const) {
      const answer = await send('get', path, {});
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: `http.${status}`, message: expect.any(String) } });
      expect(answer.body).not.toContain('aaaa');
    }
  });

  it('refuses a body over the limit with a 413 and the error shape', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), scopes: ['read'] });
    const answer = await send('post', '/v1/api-keys', { body: huge });
    expect(answer.status).toBe(413);
    expectClientError('huge body', answer);
  });

  it('answers hostile keys with a 401, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText.filter((k) => /^[\x21-\x7e]*$/.test(k) && k !== ''),
          fc.stringMatching(/^mmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/),
        ),
        async (key) => {
          const answer = await send('get', '/v1/topics', { key });
          expect(answer.status).toBe(401);
          expectClientError('hostile key', answer);
        },
      ),
      { ...RUNS, numRuns: 60 },
    );
  });
});
