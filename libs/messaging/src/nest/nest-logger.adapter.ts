import { Logger } from '@nestjs/common';
import type { MessagingLogger } from '../logging/messaging-logger.js';

/** A MessagingLogger writing through Nest's Logger (used when no pino-like logger is given). */
export function nestLoggerAdapter(context: string): MessagingLogger {
  const logger = new Logger(context);
  return {
    info: (obj, msg) => logger.log(format(obj, msg)),
    warn: (obj, msg) => logger.warn(format(obj, msg)),
    error: (obj, msg) => logger.error(format(obj, msg)),
  };
}

function format(obj: Record<string, unknown>, msg?: string): string {
  const fields = Object.entries(obj).map(
    ([key, value]) => `${key}=${value instanceof Error ? value.message : JSON.stringify(value)}`,
  );
  return [msg ?? '', ...fields].join(' ').trim();
}
