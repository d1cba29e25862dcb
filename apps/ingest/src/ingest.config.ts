import { z } from 'zod';
import { ConfigError, loadConfig } from '@media-monitor/service-kit';
import { apiAuthEnv, apiHardeningEnv, serviceEnv } from '@media-monitor/service-runtime';
import { parseCidrList } from './fetching/domain/address-policy.js';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((value) => value === 'true' || value === '1');

/**
 * The ingest service's environment: the service runtime's, the push API's (API keys, CORS, rate
 * limits per key) and the fetcher's settings.
 */
export const ingestEnv = serviceEnv('ingest', 3001)
  .extend(apiAuthEnv.shape)
  .extend(apiHardeningEnv.shape)
  .extend({
    /** The sources file loaded at start (JSON, `{ "sources": [...] }`); empty: none. */
    INGEST_SOURCES_FILE: z.string().default(''),
    /** Set false to serve sources without fetching any (a replica that only takes pushes). */
    FETCH_ENABLED: flag('true'),
    FETCH_USER_AGENT: z
      .string()
      .min(3)
      .max(300)
      .default('media-monitor/0.1 (news coverage monitor; +https://github.com/media-monitor/media-monitor)'),
    /** Budget of one request (connect, headers, body), in milliseconds. */
    FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
    /** Largest document or page accepted, after decompression, in bytes. */
    FETCH_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
    /** Sources fetched at once by one replica, and requests at once to one host. */
    FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    FETCH_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
    /** Least time between two requests to one host (robots.txt crawl-delay may ask more), in milliseconds. */
    FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    /** Bounds of the adaptive schedule for sources that set none, in seconds. */
    FETCH_MIN_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(120),
    FETCH_MAX_INTERVAL_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(3_600),
    /** How often the scheduler looks for due sources, in milliseconds. */
    FETCH_TICK_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
    /** How long a fetch claim holds before another replica may take over, in milliseconds. */
    FETCH_LEASE_MS: z.coerce.number().int().min(1_000).default(600_000),
    /** New items ingested per fetch at most (the rest come with the next fetch). */
    FETCH_MAX_ITEMS_PER_RUN: z.coerce.number().int().min(1).max(1_000).default(50),
    /**
     * Private ranges the fetcher may reach, comma-separated CIDRs (e.g. `127.0.0.0/8` for tests and
     * the demo); private, loopback and link-local addresses are refused otherwise.
     */
    FETCH_ALLOW_PRIVATE_CIDRS: z
      .string()
      .default('')
      .transform((list, ctx) => {
        try {
          return parseCidrList(list);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** How long a site's robots.txt is kept, in milliseconds. */
    FETCH_ROBOTS_TTL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(6 * 3_600_000),
  });

export type IngestConfig = z.infer<typeof ingestEnv>;

export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const config = loadConfig(ingestEnv, env);
  if (config.FETCH_MIN_INTERVAL_S > config.FETCH_MAX_INTERVAL_S) {
    throw new ConfigError([{ variable: 'FETCH_MIN_INTERVAL_S', message: 'must not exceed FETCH_MAX_INTERVAL_S' }]);
  }
  return config;
}
