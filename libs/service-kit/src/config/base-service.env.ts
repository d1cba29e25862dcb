import { Namespace } from '@media-monitor/contracts';
import { z } from 'zod';

/** Log levels accepted by `LOG_LEVEL` (pino's, plus `silent`). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A TCP port (0 picks a free one), coerced from its string form. */
export const portNumber = () => z.coerce.number().int().min(0).max(65_535);

/** `HTTP_PORT` with the service's own default, e.g. `httpPort(3001)`. */
export const httpPort = (defaultPort: number) => portNumber().default(defaultPort);

/**
 * The variables every service reads. Extend it with the service's own variables and its
 * `HTTP_PORT` default: `baseServiceEnv.extend({ HTTP_PORT: httpPort(3001), ... })`.
 */
export const baseServiceEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Required unless the service supplies a default through `httpPort(...)`. */
  HTTP_PORT: portNumber(),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_NAMESPACE: z
    .string()
    .default('')
    .refine((value) => isNamespace(value), 'must be empty or match [a-z][a-z0-9-]{0,40}'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_TOKEN: z.string().optional(),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// connection string')
    .default('mongodb://127.0.0.1:27017/'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
});

export type BaseServiceEnv = z.infer<typeof baseServiceEnv>;

function isNamespace(value: string): boolean {
  try {
    new Namespace(value);
    return true;
  } catch {
    return false;
  }
}
