import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException, Body, Controller, Get, Module, Post } from '@nestjs/common';
import { startService } from '../bootstrap/start-service.js';
import type { RunningService } from '../bootstrap/service.types.js';
import { createLogger } from '../logging/logger.factory.js';
import { ApiErrorFilter } from './api-error.filter.js';

class OutOfStockError extends Error {}

@Controller('probe')
class ProbeController {
  @Get('crash')
  crash(): never {
    throw new Error('secret detail of the failure');
  }

  @Get('refused')
  refused(): never {
    throw new BadRequestException({ error: { code: 'probe.refused', message: 'no', field: 'x' } });
  }

  @Get('plain-nest')
  plainNest(): never {
    throw new BadRequestException('plain message');
  }

  @Get('translated')
  translated(): never {
    throw new OutOfStockError('none left');
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

// The shared error filter through real HTTP (Nest on Fastify, as every service starts).
describe('ApiErrorFilter', () => {
  let service: RunningService;
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${service.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as unknown };
  };

  beforeAll(async () => {
    service = await startService({
      name: 'error-filter-test',
      module: ProbeModule,
      config: { HTTP_HOST: '127.0.0.1', HTTP_PORT: 0, SHUTDOWN_TIMEOUT_MS: 5_000, LOG_LEVEL: 'silent' },
      logger: createLogger({ service: 'error-filter-test', level: 'silent' }),
      globalFilters: [
        new ApiErrorFilter((e) =>
          e instanceof OutOfStockError
            ? { status: 409, body: { error: { code: 'probe.out_of_stock', message: e.message } } }
            : undefined,
        ),
      ],
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers an unexpected error with 500 internal: no message, no stack trace', async () => {
    const { status, text, json } = await get('/probe/crash');
    expect(status).toBe(500);
    expect(json).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toMatch(/secret|stack|\.ts:\d+/);
  });

  it('keeps an error already in the API shape, and reshapes Nest-style bodies', async () => {
    expect(await get('/probe/refused')).toMatchObject({
      status: 400,
      json: { error: { code: 'probe.refused', message: 'no', field: 'x' } },
    });
    expect(await get('/probe/plain-nest')).toMatchObject({
      status: 400,
      json: { error: { code: 'http.400', message: 'plain message' } },
    });
    expect(await get('/probe/nothing')).toMatchObject({ status: 404, json: { error: { code: 'http.404' } } });
  });

  it("uses the service's translation for errors it knows", async () => {
    expect(await get('/probe/translated')).toMatchObject({
      status: 409,
      json: { error: { code: 'probe.out_of_stock', message: 'none left' } },
    });
  });

  it("answers Fastify's own 4xx (a malformed JSON body) with http.<status>, not Fastify's code", async () => {
    const answer = await get('/probe/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(answer).toMatchObject({ status: 400, json: { error: { code: 'http.400' } } });
    expect(answer.text).not.toContain('FST_');
  });
});
