import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Body,
  Catch,
  Controller,
  Get,
  HttpException,
  Inject,
  Injectable,
  Module,
  Post,
  type ArgumentsHost,
  type ExceptionFilter,
  type OnModuleInit,
} from '@nestjs/common';
import { Server } from '@nestjs/microservices';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { HealthModule } from '../health/health.module.js';
import { HealthRegistry } from '../health/health.registry.js';
import { createLogger } from '../logging/logger.factory.js';
import { startService } from './start-service.js';
import type { RunningService } from './service.types.js';

/** Stands in for the messaging library's correlation context. */
const correlation = new AsyncLocalStorage<string>();
const runWithCorrelationId = <T>(id: string, fn: () => T): T => correlation.run(id, fn);
const currentCorrelationId = (): string | undefined => correlation.getStore();

@Injectable()
class FakeDependency implements OnModuleInit {
  healthy = true;

  constructor(@Inject(HealthRegistry) private readonly health: HealthRegistry) {}

  onModuleInit(): void {
    this.health.register('fake', async () => (this.healthy ? { ok: true } : { ok: false, detail: 'fake is down' }));
  }
}

@Controller('probe')
class ProbeController {
  @Get('correlation')
  async current(): Promise<{ correlationId: string | undefined }> {
    await sleep(1);
    return { correlationId: currentCorrelationId() };
  }

  @Post('echo')
  async echo(@Body() body: { value: string }): Promise<{ value: string; correlationId: string | undefined }> {
    await sleep(1);
    return { value: body.value, correlationId: currentCorrelationId() };
  }

  @Get('teapot')
  teapot(): never {
    throw new HttpException('short and stout', 418);
  }
}

@Catch(HttpException)
class TeapotFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<{ status(code: number): { send(body: unknown): void } }>();
    reply.status(exception.getStatus()).send({ filtered: true, message: exception.message });
  }
}

/** A transport that only records its lifecycle. */
class RecordingTransport extends Server {
  readonly events: string[] = [];
  listen(callback: () => void): void {
    this.events.push('listen');
    callback();
  }
  close(): void {
    this.events.push('close');
  }
  on(): void {}
  unwrap<T>(): T {
    return undefined as T;
  }
}

@Module({ imports: [HealthModule.forRoot()], controllers: [ProbeController], providers: [FakeDependency] })
class ProbeModule {}

describe('startService', () => {
  let service: RunningService;
  const lines: Record<string, unknown>[] = [];
  const transport = new RecordingTransport();
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });

  beforeAll(async () => {
    const logger = createLogger({
      service: 'probe',
      level: 'info',
      correlationId: currentCorrelationId,
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    service = await startService({
      name: 'probe',
      module: ProbeModule,
      config: { HTTP_HOST: '127.0.0.1', HTTP_PORT: 0, SHUTDOWN_TIMEOUT_MS: 5000, LOG_LEVEL: 'info' },
      microservice: transport,
      globalFilters: [new TeapotFilter()],
      correlation: { run: runWithCorrelationId, current: currentCorrelationId },
      logger,
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('listens on the requested host and logs one started line', () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const started = lines.filter(
      (line) => typeof line['msg'] === 'string' && (line['msg'] as string).includes('started'),
    );
    expect(started).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'probe',
        url: service.url,
        msg: `probe started on ${service.url}`,
      }),
    ]);
    expect(transport.events).toEqual(['listen']);
  });

  it('answers /health/live with 200', async () => {
    const response = await get('/health/live');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /health/ready with 200, then 503 with each check once a check fails', async () => {
    const ok = await get('/health/ready');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { fake: { ok: true, durationMs: expect.any(Number) } } });

    service.app.get(FakeDependency).healthy = false;
    const failing = await get('/health/ready');
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: 'unavailable',
      checks: { fake: { ok: false, detail: 'fake is down', durationMs: expect.any(Number) } },
    });
    service.app.get(FakeDependency).healthy = true;
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('echoes or generates x-correlation-id and runs the handler inside its context', async () => {
    const given = await get('/probe/correlation', { 'x-correlation-id': 'corr-42' });
    expect(given.headers.get('x-correlation-id')).toBe('corr-42');
    expect(await given.json()).toEqual({ correlationId: 'corr-42' });

    const generated = await get('/probe/correlation');
    const id = generated.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await generated.json()).toEqual({ correlationId: id });

    const posted = await fetch(`${service.url}/probe/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-post' },
      body: JSON.stringify({ value: 'v' }),
    });
    expect(await posted.json()).toEqual({ value: 'v', correlationId: 'corr-post' });

    const unknown = await get('/nowhere', { 'x-correlation-id': 'corr-404' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-correlation-id')).toBe('corr-404');
  });

  it('applies the global filters', async () => {
    const response = await get('/probe/teapot');
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ filtered: true, message: 'short and stout' });
  });

  it('exposes Prometheus metrics with the HTTP histogram and process metrics', async () => {
    await get('/health/live');
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(body).toMatch(
      /http_request_duration_seconds_count\{service="probe",method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(body).toMatch(
      /http_request_duration_seconds_count\{service="probe",method="GET",route="\/probe\/teapot",status="418"\} 1/,
    );
    expect(body).toMatch(
      /http_request_duration_seconds_count\{service="probe",method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reports 503 while shutting down, then closes HTTP and the transport', async () => {
    service.app.get(HealthRegistry).markShuttingDown();
    const shuttingDown = await get('/health/ready');
    expect(shuttingDown.status).toBe(503);
    expect(await shuttingDown.json()).toEqual({ status: 'shutting-down', checks: {} });
    expect((await get('/health/live')).status).toBe(200);

    await Promise.all([service.close(), service.close()]);
    expect(transport.events).toEqual(['listen', 'close']);
    await expect(get('/health/live')).rejects.toThrow();
  });
});

describe('startService failures', () => {
  it('rejects, without leaking the application, when the port is taken', async () => {
    const first = await startService({
      name: 'first',
      module: ProbeModule,
      config: { HTTP_HOST: '127.0.0.1', HTTP_PORT: 0, SHUTDOWN_TIMEOUT_MS: 5000, LOG_LEVEL: 'silent' },
    });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startService({
          name: 'second',
          module: ProbeModule,
          config: { HTTP_HOST: '127.0.0.1', HTTP_PORT: port, SHUTDOWN_TIMEOUT_MS: 5000, LOG_LEVEL: 'silent' },
        }),
      ).rejects.toThrow(/EADDRINUSE|address already in use/i);
    } finally {
      await first.close();
    }
  });
});
