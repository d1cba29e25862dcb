import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';

/** Global module: one `HealthRegistry` per application, `GET /health/live` and `GET /health/ready`. */
@Module({})
export class HealthModule {
  private static definition?: DynamicModule;

  /** Always the same module object, so importing it more than once is harmless. */
  static forRoot(): DynamicModule {
    return (HealthModule.definition ??= {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [HealthRegistry],
      exports: [HealthRegistry],
    });
  }
}
