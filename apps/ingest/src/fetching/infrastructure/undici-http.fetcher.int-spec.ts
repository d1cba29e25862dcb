import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { AddressPolicy } from '../domain/address-policy.js';
import { FetchError } from '../domain/fetch.errors.js';
import { HostLimiter } from '../application/host-limiter.js';
import { PoliteFetcher } from '../application/polite.fetcher.js';
import { RobotsPolicy } from '../application/robots.policy.js';
import { UndiciHttpFetcher } from './undici-http.fetcher.js';
import { FixtureSite } from '../../../test/fixture-site.js';

const fetcherFor = (policy: AddressPolicy, over: Partial<ConstructorParameters<typeof UndiciHttpFetcher>[0]> = {}) =>
  new UndiciHttpFetcher({ userAgent: 'media-monitor-test/1', timeoutMs: 2_000, maxRedirects: 3, policy, ...over });

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

describe('the fetcher against a local HTTP server', () => {
  let site: FixtureSite;
  let silent: Server;
  let silentUrl: string;
  const allowed = new AddressPolicy(['127.0.0.0/8']);
  const fetchers: UndiciHttpFetcher[] = [];
  const make = (policy = allowed, over = {}) => {
    const fetcher = fetcherFor(policy, over);
    fetchers.push(fetcher);
    return fetcher;
  };
  const get = (fetcher: UndiciHttpFetcher, path: string, extra = {}) =>
    fetcher.get({ url: `${site.url}${path}`, accept: '*/*', maxBytes: 64 * 1024, ...extra });

  beforeAll(async () => {
    site = await FixtureSite.start();
    const body = '<rss version="2.0"><channel><title>ok</title></channel></rss>';
    site
      .route('/plain', { body, headers: { 'content-type': 'application/rss+xml' } })
      .route('/gzip', { body, encoding: 'gzip' })
      .route('/br', { body, encoding: 'br' })
      .route('/deflate', { body, encoding: 'deflate' })
      .route('/raw-deflate', { body: deflateRawSync(body), headers: { 'content-encoding': 'deflate' } })
      .route('/bomb', { body: gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20)), headers: { 'content-encoding': 'gzip' } })
      .route('/big', { streamBytes: 1024 * 1024 })
      .route('/declared-big', { body: Buffer.alloc(100 * 1024, 0x61) })
      .route('/r1', { status: 301, headers: { location: '/r2' } })
      .route('/r2', { status: 302, headers: { location: '/r3' } })
      .route('/r3', { status: 307, headers: { location: '/r4' } })
      .route('/r4', { status: 308, headers: { location: '/plain' } })
      .route('/to-plain', { status: 302, headers: { location: `${site.url}/plain` } })
      .route('/self', { status: 302, headers: { location: '/self' } })
      .route('/to-metadata', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } })
      .route('/to-ftp', { status: 302, headers: { location: 'ftp://example.org/x' } })
      .route('/gone', { status: 410 })
      .route('/busy', { status: 429, headers: { 'retry-after': '30' } })
      .route('/etag', { etag: '"abc"', body })
      .route('/bad-gzip', { body: Buffer.from('this is not gzip at all'), headers: { 'content-encoding': 'gzip' } })
      .route('/robots.txt', {
        body: 'User-agent: media-monitor-test\nDisallow: /plain\nCrawl-delay: 1\n\nUser-agent: *\nDisallow:\n',
      });
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await site.stop();
  });

  it('decompresses gzip, deflate (zlib and raw) and brotli', async () => {
    const fetcher = make();
    for (const path of ['/plain', '/gzip', '/br', '/deflate', '/raw-deflate']) {
      const response = await get(fetcher, path);
      expect({ path, status: response.status, body: response.body.toString() }).toEqual({
        path,
        status: 200,
        body: '<rss version="2.0"><channel><title>ok</title></channel></rss>',
      });
    }
    expect((await failure(get(fetcher, '/bad-gzip'))).code).toBe('fetch.decoding');
    const asked = site.requests.find((r) => r.path === '/gzip')!;
    expect(asked.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(asked.headers['user-agent']).toBe('media-monitor-test/1');
  });

  it('limits the size after decompression, streamed or declared', async () => {
    const fetcher = make();
    for (const path of ['/bomb', '/big', '/declared-big']) {
      const error = await failure(get(fetcher, path));
      expect({ path, code: error.code, retryable: error.retryable }).toEqual({
        path,
        code: 'fetch.too_large',
        retryable: false,
      });
    }
  });

  it('follows redirects up to the limit and refuses loops', async () => {
    const fetcher = make();
    const ok = await get(fetcher, '/r2');
    expect({ status: ok.status, finalUrl: ok.finalUrl, redirects: ok.redirects }).toEqual({
      status: 200,
      finalUrl: `${site.url}/plain`,
      redirects: 3,
    });
    expect((await failure(get(fetcher, '/r1'))).code).toBe('fetch.too_many_redirects');
    expect((await failure(get(fetcher, '/self'))).code).toBe('fetch.redirect_loop');
    expect((await failure(get(fetcher, '/to-ftp'))).code).toBe('fetch.bad_url');
  });

  it('sends validators and reads a 304', async () => {
    const fetcher = make();
    const first = await get(fetcher, '/etag');
    expect(first.etag).toBe('"abc"');
    const second = await get(fetcher, '/etag', { etag: first.etag });
    expect({ status: second.status, bytes: second.body.length }).toEqual({ status: 304, bytes: 0 });
  });

  it('classifies HTTP errors as retryable or not, with Retry-After', async () => {
    const fetcher = make();
    const gone = await failure(get(fetcher, '/gone'));
    expect({ code: gone.code, retryable: gone.retryable, status: gone.details.httpStatus }).toEqual({
      code: 'fetch.http_status',
      retryable: false,
      status: 410,
    });
    const busy = await failure(get(fetcher, '/busy'));
    expect({ retryable: busy.retryable, retryAfterMs: busy.details.retryAfterMs }).toEqual({
      retryable: true,
      retryAfterMs: 30_000,
    });
  });

  it('times out a server that never answers', async () => {
    const error = await failure(
      make(allowed, { timeoutMs: 300 }).get({ url: silentUrl, accept: '*/*', maxBytes: 1024 }),
    );
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'fetch.timeout', retryable: true });
  });

  it('refuses private addresses unless allowed, at connect time (IP literals and names alike)', async () => {
    const strict = make(new AddressPolicy());
    for (const url of [`${site.url}/plain`, `http://localhost:${new URL(site.url).port}/plain`]) {
      const error = await failure(strict.get({ url, accept: '*/*', maxBytes: 1024 }));
      expect({ url, code: error.code }).toEqual({ url, code: 'fetch.unsafe_address' });
    }
    // A redirect into the link-local metadata range is refused at that hop, before any packet is sent.
    const error = await failure(get(make(), '/to-metadata'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'fetch.unsafe_address',
      message:
        'refused to connect for http://169.254.169.254/latest/meta-data/: 169.254.169.254 is not a public address',
    });
    expect(site.hits('/plain')).toBeGreaterThan(0);
  });

  it('obeys robots.txt for its product token and pauses a host that answered 429', async () => {
    const raw = make();
    const polite = new PoliteFetcher(
      raw,
      new RobotsPolicy(raw, 'media-monitor-test/1', 60_000),
      new HostLimiter({ concurrency: 1, minDelayMs: 0 }),
    );
    const refused = await failure(polite.get({ url: `${site.url}/plain`, accept: '*/*', maxBytes: 1024 }));
    expect(refused.code).toBe('fetch.robots_disallowed');
    const other = new PoliteFetcher(
      raw,
      new RobotsPolicy(raw, 'other-bot/2', 60_000),
      new HostLimiter({ concurrency: 1, minDelayMs: 0 }),
    );
    expect((await other.get({ url: `${site.url}/plain`, accept: '*/*', maxBytes: 1024 })).status).toBe(200);
    expect(
      (await failure(other.get({ url: `${site.url}/busy`, accept: '*/*', maxBytes: 1024 }))).details.httpStatus,
    ).toBe(429);
    const paused = await failure(other.get({ url: `${site.url}/gzip`, accept: '*/*', maxBytes: 1024 }));
    expect({ code: paused.code, retryable: paused.retryable }).toEqual({ code: 'fetch.host_backoff', retryable: true });
    expect(site.hits('/robots.txt')).toBe(2);
  });
});
