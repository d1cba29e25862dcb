import { createLogger } from '../logging/logger.factory.js';
import { installShutdownSignals } from './shutdown-signals.js';
import { startService } from './start-service.js';
import type { RunningService, ServiceOptions } from './service.types.js';

/**
 * The `main` of every service: `startService`, plus graceful shutdown on SIGTERM/SIGINT
 * (not ready → `app.close()` → exit) bounded by `SHUTDOWN_TIMEOUT_MS`. A failed start is
 * logged as fatal and exits the process with code 1.
 */
export async function bootstrapService(options: ServiceOptions): Promise<RunningService> {
  const logger =
    options.logger ??
    createLogger({
      service: options.name,
      level: options.config.LOG_LEVEL,
      correlationId: options.correlation?.current,
    });
  let service: RunningService;
  try {
    service = await startService({ ...options, logger });
  } catch (error) {
    logger.fatal({ err: error }, `${options.name} failed to start`);
    process.exit(1);
  }
  installShutdownSignals({ close: service.close, logger, timeoutMs: options.config.SHUTDOWN_TIMEOUT_MS });
  return service;
}
