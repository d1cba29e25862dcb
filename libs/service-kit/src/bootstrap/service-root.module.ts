import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/** The entry module of every service: health and metrics around the service's own module. */
@Module({})
export class ServiceRootModule {
  /** Wraps `module` with `HealthModule` and `MetricsModule`. */
  static wrap(module: Type<unknown> | DynamicModule): DynamicModule {
    return { module: ServiceRootModule, imports: [HealthModule.forRoot(), MetricsModule.forRoot(), module] };
  }
}
