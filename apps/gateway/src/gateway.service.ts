import type { LaunchOptions } from '@media-monitor/service-runtime';
import { GatewayModule } from './gateway.module.js';
import { HttpErrorFilter } from './http/error.filter.js';

/** gateway: the public REST API; owns no data, asks the owning services over NATS. */
export const gatewayService: LaunchOptions = {
  name: 'gateway',
  defaultHttpPort: 3000,
  module: () => GatewayModule,
  database: false,
  httpFilters: [new HttpErrorFilter()],
};
