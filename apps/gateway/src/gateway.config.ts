import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '@media-monitor/service-kit';
import { API_KEY_PATTERN } from './auth/api-key.js';

/** The gateway's own variables, beside the ones every service reads. */
export const gatewayEnv = z.object({
  /** `required` (default): every /v1 request needs an API key; `disabled` only for local experiments. */
  API_AUTH: z.enum(['required', 'disabled']).default('required'),
  /** An admin key created at start if missing (its hash is stored, never the key): the first key of a deployment. */
  API_BOOTSTRAP_KEY: z.string().regex(API_KEY_PATTERN, 'must look like mmk_<12 hex>_<43 base64url>').optional(),
  /** Browser origins allowed to call the API, comma separated (none by default). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** Requests per minute per API key (or per address without one). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Folder of the built dashboard, served at /app/ (default: apps/dashboard/dist of this checkout or image). */
  DASHBOARD_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../dashboard/dist', import.meta.url))),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return loadConfig(gatewayEnv, env);
}
