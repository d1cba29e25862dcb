import { z } from 'zod';
import { loadConfig } from '@media-monitor/service-kit';

/** The trends service's own variables. */
export const trendsEnv = z.object({
  /**
   * How writes to one document are ordered. `process` (default) suffices on MongoDB, which applies
   * single-document updates atomically, and for one process on FerretDB; `nats` (a lock per
   * document in a JetStream key-value bucket) is needed to run several processes on FerretDB v1,
   * which loses concurrent updates to one document.
   */
  TRENDS_WRITE_LOCK: z.enum(['process', 'nats']).default('process'),
  /** How often the sweeper of leftover `inflight` entries and the topic-version clean-up run, in milliseconds. */
  TRENDS_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
});

export type TrendsConfig = z.infer<typeof trendsEnv>;

export function loadTrendsConfig(env: NodeJS.ProcessEnv): TrendsConfig {
  return loadConfig(trendsEnv, env);
}
