import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '@media-monitor/service-kit';
import { apiAuthEnv, apiHardeningEnv } from '@media-monitor/service-runtime';

/** The gateway's own variables (API keys, CORS and rate limits among them), beside the ones every service reads. */
export const gatewayEnv = apiAuthEnv.extend(apiHardeningEnv.shape).extend({
  /** Folder of the built dashboard, served at /app/ (default: apps/dashboard/dist of this checkout or image). */
  DASHBOARD_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../dashboard/dist', import.meta.url))),
  /**
   * How long a trend answer (topic and entity series) is reused for identical requests, in
   * milliseconds; 0 turns the cache off. Requests in flight for the same series share one query.
   * An analysed article (article.analyzed.v1) evicts the answers it may change, before an SSE
   * client of this process hears of it (ADR 0012).
   */
  TREND_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /**
   * How long a settled trend answer is reused, in milliseconds: one whose range ended over 10 s
   * before it was computed and that shows no pipeline backlog, so only events the gateway follows
   * (analysed articles, collection gaps, topic changes) can change it, and they evict it (ADR 0015).
   * Bounds how late a change that comes without such an event shows; never shorter than TREND_CACHE_MS.
   */
  TREND_CACHE_SETTLED_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** After TREND_CACHE_MS, how long the kept answer is still served while one request refreshes it. */
  TREND_CACHE_STALE_MS: z.coerce.number().int().min(0).max(300_000).default(4_000),
  /** How often an idle Server-Sent Events stream sends a heartbeat comment, in milliseconds. */
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(300_000).default(15_000),
  /** Most Server-Sent Events streams open at once per gateway process (each holds two ordered consumers). */
  SSE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(500),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return loadConfig(gatewayEnv, env);
}
