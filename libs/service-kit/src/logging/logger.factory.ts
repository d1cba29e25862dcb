import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/base-service.env.js';

export interface LoggerOptions {
  /** Added to every line as `service`. */
  service: string;
  level: LogLevel;
  /** Current correlation id, e.g. messaging's `currentCorrelationId`; added as `correlationId`. */
  correlationId?: () => string | undefined;
  /** Where lines go (default: stdout, synchronously). */
  destination?: DestinationStream;
}

/** A pino JSON logger: one line per entry with `level` as a label, ISO `time`, `service` and `correlationId`. */
export function createLogger(options: LoggerOptions): Logger {
  const correlationId = options.correlationId;
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationId
        ? () => {
            const id = correlationId();
            return id ? { correlationId: id } : {};
          }
        : undefined,
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
