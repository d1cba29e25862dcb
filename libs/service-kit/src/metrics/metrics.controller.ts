import { Controller, Get, Inject, Res } from '@nestjs/common';
import { PublicRoute } from '../http/public-route.js';
import { MetricsRegistry } from './metrics.registry.js';

/** The part of a Fastify reply the controller uses. */
interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** `GET /metrics`: Prometheus scrape endpoint. */
@Controller('metrics')
@PublicRoute()
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  /** Every metric of this application in the text exposition format. */
  @Get()
  async scrape(@Res({ passthrough: true }) reply: HeaderReply): Promise<string> {
    reply.header('content-type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}
