import { z } from 'zod';
import { baseServiceEnv, httpPort } from '@media-monitor/service-kit';

/** The environment of a backend service: the base variables plus the database and consumer knobs. */
export function serviceEnv(name: string, defaultHttpPort: number) {
  return baseServiceEnv.extend({
    HTTP_PORT: httpPort(defaultHttpPort),
    MONGO_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default(`media_${name}`),
    MONGO_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    /** Copies of each stream in a NATS cluster: 1 on a single server, 3 on a three-node cluster. */
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** Time the server waits for in-flight handlers on shutdown, in milliseconds. */
    DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  });
}

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnv>>;
