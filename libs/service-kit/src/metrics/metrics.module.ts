import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';

/** Global module: one `MetricsRegistry` per application and `GET /metrics`. */
@Module({})
export class MetricsModule {
  private static definition?: DynamicModule;

  /** Always the same module object, so importing it more than once is harmless. */
  static forRoot(): DynamicModule {
    return (MetricsModule.definition ??= {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [MetricsRegistry],
      exports: [MetricsRegistry],
    });
  }
}
