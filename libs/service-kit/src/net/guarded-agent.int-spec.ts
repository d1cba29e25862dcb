import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { classifyNetworkError, guardedAgent, UnsafeAddressError } from './guarded-agent.js';
import { isPublicAddress } from './ip-address.js';

// The connect-time check against a real local server (loopback: refused unless allowed).
describe('guardedAgent', () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = async (url: string, mayConnect: (address: string) => boolean) => {
    const agent = guardedAgent({ mayConnect, timeoutMs: 5_000 });
    try {
      const res = await request(url, { dispatcher: agent });
      return await res.body.text();
    } catch (error) {
      return classifyNetworkError(error);
    } finally {
      await agent.close();
    }
  };

  it('refuses an IP literal and a name that resolve to a refused address, with the address in the reason', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const failure = await get(`http://${host}:${port}/`, isPublicAddress);
      expect(failure).toMatchObject({ kind: 'unsafe-address', cause: expect.any(UnsafeAddressError) });
      expect((failure as { cause: Error }).cause.message).toMatch(/127\.0\.0\.1|::1/);
    }
  });

  it('connects where the check allows it', async () => {
    expect(await get(`http://127.0.0.1:${port}/`, (address) => address === '127.0.0.1')).toBe('ok');
  });

  it('classifies an unknown host as dns and a closed port as connection', async () => {
    expect(await get('http://no-such-host.invalid/', () => true)).toMatchObject({
      kind: 'dns',
      cause: { code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL)$/) },
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await get(`http://127.0.0.1:${closedPort}/`, () => true)).toMatchObject({ kind: 'connection' });
  });
});
