import { Controller, Get, Inject, Res } from '@nestjs/common';
import { PublicRoute } from '../http/public-route.js';
import { HealthRegistry } from './health.registry.js';
import type { ReadinessReport } from './health.types.js';

/** The part of a Fastify reply the controller uses. */
interface StatusReply {
  status(code: number): unknown;
}

const SERVICE_UNAVAILABLE = 503;

/** `GET /health/live` and `GET /health/ready`, for orchestrators and load balancers. */
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(@Inject(HealthRegistry) private readonly health: HealthRegistry) {}

  /** 200 while the process runs and serves HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every readiness check passes, 503 (with each check's result) otherwise or while shutting down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: StatusReply): Promise<Omit<ReadinessReport, 'ok'>> {
    const { ok, ...report } = await this.health.readiness();
    if (!ok) reply.status(SERVICE_UNAVAILABLE);
    return report;
  }
}
