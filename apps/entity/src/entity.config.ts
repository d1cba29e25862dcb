import { z } from 'zod';
import { loadConfig } from '@media-monitor/service-kit';

const ms = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

/** The entity service's own variables (topics, the alias registry, dry runs and backfills). */
export const entityEnv = z.object({
  /** How often each replica checks whether the alias registry or the topics changed, in milliseconds. */
  ENTITY_CATALOG_REFRESH_MS: ms(100, 2_000),
  /** Most recent stored articles a dry run evaluates (a request may ask for fewer). */
  ENTITY_DRY_RUN_ARTICLES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Time budget of a dry run, in milliseconds; the answer says when it stopped early. */
  ENTITY_DRY_RUN_TIMEOUT_MS: ms(100, 10_000),
  /** Stored articles a backfill evaluates per page. */
  ENTITY_BACKFILL_PAGE_SIZE: z.coerce.number().int().min(1).max(5_000).default(200),
  /** Pause between two backfill pages, in milliseconds. */
  ENTITY_BACKFILL_PAUSE_MS: ms(0, 100),
  /** Longest a backfill slice waits for live articles in progress to finish first, in milliseconds. */
  ENTITY_BACKFILL_YIELD_MS: ms(0, 2_000),
  /**
   * Share of the time a backfill may work while live articles arrive (the rest it sleeps, so the
   * store, NATS and the CPU serve live traffic first); without live traffic it only pauses between pages.
   */
  ENTITY_BACKFILL_LIVE_SHARE: z.coerce.number().gt(0).max(1).default(0.2),
  /** How often replicas look for backfills to run, in milliseconds. */
  ENTITY_BACKFILL_POLL_MS: ms(100, 2_000),
  /** The runner's lease (one backfill runner across replicas); a crashed runner's lease expires after this, in milliseconds. */
  ENTITY_BACKFILL_LEASE_MS: ms(1_000, 30_000),
});

export type EntityConfig = z.infer<typeof entityEnv>;

export function loadEntityConfig(env: NodeJS.ProcessEnv): EntityConfig {
  return loadConfig(entityEnv, env);
}
