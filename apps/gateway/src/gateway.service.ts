import type { LaunchOptions } from '@media-monitor/service-runtime';
import { loadGatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { gatewayErrorFilter } from './http/error.filter.js';
import { registerHttpPlugins } from './http/http-plugins.js';

export const API_VERSION = '1.0.0';

/** gateway: the public REST API; owns only its API keys, asks the owning services over NATS. */
export const gatewayService: LaunchOptions = {
  name: 'gateway',
  defaultHttpPort: 3000,
  module: (_config, env) => GatewayModule.forConfig(loadGatewayConfig(env)),
  httpFilters: [gatewayErrorFilter()],
  configureHttp: (app, env) => registerHttpPlugins(app, loadGatewayConfig(env), API_VERSION),
};
