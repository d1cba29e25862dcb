import { Injectable } from '@nestjs/common';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets of the HTTP request duration histogram, in seconds. */
const HTTP_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The application's own prom-client `Registry` (never the global one, so that several
 * applications can live in one process), with default process metrics and the HTTP histogram.
 * Services register their own metrics with `registers: [metrics.registry]`.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  /** `http_request_duration_seconds{method, route, status}`, recorded for every HTTP response. */
  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_DURATION_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private readonly included: Registry[] = [];

  /** Labels added to every series at scrape time, e.g. `{ service: 'trends' }`. */
  setDefaultLabels(labels: Record<string, string>): void {
    this.registry.setDefaultLabels(labels);
    for (const registry of this.included) registry.setDefaultLabels(labels);
  }

  /** Serves another registry's metrics (e.g. the messaging library's) from the same endpoint. */
  include(registry: Registry): void {
    if (registry === this.registry || this.included.includes(registry)) return;
    this.included.push(registry);
  }

  /** The content type of `exposition()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text exposition format. */
  async exposition(): Promise<string> {
    const parts = await Promise.all([this.registry, ...this.included].map((registry) => registry.metrics()));
    return parts.join('\n');
  }
}
