import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { MONGO_CONNECTION } from '@media-monitor/persistence';
import type { RunningService } from '@media-monitor/service-kit';
import {
  ApiKeyRepository,
  ApiKeyService,
  issueApiKey,
  startServiceInProcess,
  type ApiScope,
} from '@media-monitor/service-runtime';
import { testInfra, uniqueDatabaseName, uniqueNamespace, serviceTestEnv } from '@media-monitor/testing';
import { createIngestService } from './ingest.service.js';

const ns = uniqueNamespace('ingauth');
const dbName = uniqueDatabaseName('ingest_auth');
// The key store: the gateway's database in a deployment, its own here.
const keysDbName = uniqueDatabaseName('ingest_auth_keys');
const bootstrapKey = issueApiKey().token;
/** Requests per minute per key here: more than any other test sends with one key. */
const RATE_LIMIT = 12;

let article = 0;
const nextArticle = () => {
  article += 1;
  return {
    url: `https://auth.example/news/${article}`,
    title: `Pushed article ${article}`,
    body: `The BARS-Kursk battalion held exercise number ${article} near the border, officials said.`,
    publishedAt: '2026-11-24T09:00:00Z',
    source: { id: 'push-auth' },
  };
};

// Ingest's HTTP API through its interface: the gateway's key scheme and error shape.
describe('ingest HTTP API: API keys and errors (real NATS and FerretDB)', () => {
  let keysDb: Connection;
  let ingest: RunningService;
  const keys: Partial<Record<ApiScope, string>> = {};
  let flooder: string;

  const post = async (headers: Record<string, string>, body: unknown = nextArticle(), path = '/v1/articles') => {
    const res = await fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const { mongoUri } = testInfra();
    keysDb = await mongoose.createConnection(mongoUri, { dbName: keysDbName }).asPromise();
    // Keys are made by the same code as the gateway's POST /v1/api-keys, in the store ingest reads.
    const store = new ApiKeyService(new ApiKeyRepository(keysDb), { mode: 'required', defaultScope: 'read' });
    for (const scope of ['read', 'ingest'] as const) keys[scope] = (await store.create(`${scope} key`, [scope])).token;
    flooder = (await store.create('flooding client', ['ingest'])).token;
    ingest = await startServiceInProcess(
      createIngestService({
        ...serviceTestEnv(ns.value, dbName),
        API_KEYS_DB: keysDbName,
        API_BOOTSTRAP_KEY: bootstrapKey,
        INGEST_SOURCES_FILE: '',
        FETCH_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    const data = await mongoose.createConnection(testInfra().mongoUri, { dbName }).asPromise();
    await data.dropDatabase();
    await data.close();
    await keysDb?.dropDatabase();
    await keysDb?.close();
  });

  it('refuses a push without a key, or with a malformed or unknown one: 401 in the error shape', async () => {
    const unknown = issueApiKey().token;
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-api-key': 'not-a-key' },
      { 'x-api-key': unknown },
      { authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const { status, json } = await post(headers);
      expect(status).toBe(401);
      expect(json).toEqual({ error: { code: 'auth.invalid_key', message: expect.any(String) } });
    }
  });

  it('refuses a key without the ingest scope: 403 auth.insufficient_scope', async () => {
    const { status, json } = await post({ 'x-api-key': keys.read! });
    expect(status).toBe(403);
    expect(json).toEqual({
      error: { code: 'auth.insufficient_scope', message: 'this route needs the "ingest" scope' },
    });
  });

  it('accepts a key with the ingest scope (header or Bearer) and the admin bootstrap key: 202', async () => {
    const byHeader = await post({ 'x-api-key': keys.ingest! });
    expect(byHeader).toMatchObject({ status: 202, json: { status: 'accepted', published: true } });
    const byBearer = await post({ authorization: `Bearer ${keys.ingest!}` });
    expect(byBearer).toMatchObject({ status: 202, json: { status: 'accepted' } });
    const batch = await post({ 'x-api-key': bootstrapKey }, { articles: [nextArticle(), nextArticle()] });
    expect(batch.status).toBe(202);
    expect((batch.json['results'] as Array<{ status: string }>).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('checks the key before the body: a bad article with a good key is a 400, without a key a 401', async () => {
    const bad = { url: 'https://auth.example/bad', title: '' };
    expect((await post({ 'x-api-key': keys.ingest! }, bad)).json).toMatchObject({
      error: { code: 'ingest.invalid_article' },
    });
    expect((await post({}, bad)).status).toBe(401);
  });

  it('keeps the probes and the metrics open', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      expect([path, (await fetch(`${ingest.url}${path}`)).status]).toEqual([path, 200]);
    }
  });

  it("answers Nest's own errors in the error shape: an unknown route is http.404", async () => {
    const res = await fetch(`${ingest.url}/v1/nothing-here`, { headers: { 'x-api-key': keys.ingest! } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'http.404', message: expect.any(String) } });
  });

  it('limits requests per key: past RATE_LIMIT_PER_MINUTE a 429 ingest.rate_limited with Retry-After; other keys go on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await post({ 'x-api-key': flooder })).status);
    expect(statuses).toEqual(Array.from({ length: RATE_LIMIT }, () => 202));
    const res = await fetch(`${ingest.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': flooder },
      body: JSON.stringify(nextArticle()),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: { code: 'ingest.rate_limited', message: expect.any(String) } });
    expect((await post({ 'x-api-key': keys.ingest! })).status).toBe(202);
  });

  it("sends the gateway's security headers and no CORS grant to an origin not configured", async () => {
    const res = await fetch(`${ingest.url}/v1/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(`${ingest.url}/health/live`);
    expect({
      nosniff: answer.headers.get('x-content-type-options'),
      csp: answer.headers.get('content-security-policy'),
      poweredBy: answer.headers.get('x-powered-by'),
    }).toEqual({ nosniff: 'nosniff', csp: expect.stringContaining("default-src 'none'"), poweredBy: null });
  });

  // Last: it closes the service's database connection.
  it('answers a failure of the server with 500 internal, without a stack trace', async () => {
    // A verified key is trusted for 30 s, so the request reaches the use case, whose store is gone.
    expect((await post({ 'x-api-key': keys.ingest! })).status).toBe(202);
    await ingest.app.get<Connection>(MONGO_CONNECTION).close();
    const res = await fetch(`${ingest.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.ingest! },
      body: JSON.stringify(nextArticle()),
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|stack/);
  }, 30_000);
});
