import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ItemCountQueryV1, capturingLogger } from '../../test/fixtures.js';
import { testNatsUrl, uniqueNamespace } from '@media-monitor/testing';
import { currentCorrelationId, runWithCorrelationId } from '../correlation/correlation.context.js';
import { InvalidMessageError, MessagingError, QueryFailedError } from '../errors/messaging.errors.js';
import { QueryClient } from './query.client.js';
import { QueryResponder, type QueryHandler } from './query.responder.js';

describe('QueryClient and QueryResponder', () => {
  let nc: NatsConnection;
  const responders: QueryResponder[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
  });

  afterEach(async () => {
    await Promise.all(responders.splice(0).map((responder) => responder.stop()));
  });

  afterAll(async () => {
    await nc.close();
  });

  async function serve(handler: QueryHandler<typeof ItemCountQueryV1>) {
    const ns = uniqueNamespace();
    const responder = new QueryResponder({
      nc,
      namespace: ns,
      contract: ItemCountQueryV1,
      queueGroup: 'items',
      handler,
      logger: capturingLogger(),
    });
    responder.start();
    responders.push(responder);
    await nc.flush();
    return { ns, client: new QueryClient(nc, ns, { timeoutMs: 2_000 }) };
  }

  it('answers a valid request and carries the correlation id', async () => {
    let seen: { correlationId?: string; ctx?: string } = {};
    const { client } = await serve(async (request, ctx) => {
      seen = { correlationId: currentCorrelationId(), ctx: ctx.correlationId };
      return { prefix: request.prefix, count: request.prefix.length };
    });
    const response = await runWithCorrelationId('corr-q', () => client.request(ItemCountQueryV1, { prefix: 'abc' }));
    expect(response).toEqual({ prefix: 'abc', count: 3 });
    expect(seen).toEqual({ correlationId: 'corr-q', ctx: 'corr-q' });
  });

  it('turns handler errors into error replies with their code (internal by default)', async () => {
    const { client } = await serve(async (request) => {
      if (request.prefix === 'coded') throw new MessagingError('items.unknown_prefix', 'no such prefix');
      if (request.prefix === 'detailed') {
        throw Object.assign(new MessagingError('items.bad_prefix', 'bad at 3'), { details: { position: 3 } });
      }
      throw new Error('database down');
    });
    await expect(client.request(ItemCountQueryV1, { prefix: 'coded' })).rejects.toMatchObject({
      name: 'QueryFailedError',
      code: 'items.unknown_prefix',
      message: 'no such prefix',
    });
    await expect(client.request(ItemCountQueryV1, { prefix: 'detailed' })).rejects.toMatchObject({
      code: 'items.bad_prefix',
      details: { position: 3 },
    });
    await expect(client.request(ItemCountQueryV1, { prefix: 'x' })).rejects.toMatchObject({
      code: 'internal',
      message: 'database down',
    });
  });

  it('validates requests on both sides and responses on both sides', async () => {
    const { ns, client } = await serve(async (request) => ({ prefix: request.prefix, count: -1 }));
    await expect(client.request(ItemCountQueryV1, { prefix: 1 } as never)).rejects.toBeInstanceOf(InvalidMessageError);
    const raw = await nc.request(ns.subject(ItemCountQueryV1.subject), '{"nope":true}', { timeout: 2_000 });
    expect(raw.json()).toMatchObject({ error: { code: 'query.invalid_request' } });
    const rawJson = await nc.request(ns.subject(ItemCountQueryV1.subject), 'not json', { timeout: 2_000 });
    expect(rawJson.json()).toMatchObject({ error: { code: 'query.invalid_request' } });
    await expect(client.request(ItemCountQueryV1, { prefix: 'a' })).rejects.toMatchObject({
      code: 'query.invalid_response',
    });
  });

  it('reports no responders with a stable code', async () => {
    const client = new QueryClient(nc, uniqueNamespace());
    const attempt = client.request(ItemCountQueryV1, { prefix: 'a' });
    await expect(attempt).rejects.toBeInstanceOf(QueryFailedError);
    await expect(attempt).rejects.toMatchObject({ code: 'messaging.no_responders' });
  });

  it('reports a timeout with a stable code', async () => {
    const { client } = await serve(() => new Promise(() => undefined));
    await expect(client.request(ItemCountQueryV1, { prefix: 'a' }, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'messaging.timeout',
    });
  });
});
