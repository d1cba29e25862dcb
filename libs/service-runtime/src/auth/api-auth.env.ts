import { z } from 'zod';
import { API_KEY_PATTERN } from './api-key.js';

/** The variables of API key checking, read by every service with an authenticated HTTP API. */
export const apiAuthEnv = z.object({
  /** `required` (default): every /v1 request needs an API key; `disabled` only for local experiments. */
  API_AUTH: z.enum(['required', 'disabled']).default('required'),
  /** An admin key created at start if missing (its hash is stored, never the key): the first key of a deployment. */
  API_BOOTSTRAP_KEY: z.string().regex(API_KEY_PATTERN, 'must look like mmk_<12 hex>_<43 base64url>').optional(),
  /**
   * Database of the API key store, which the gateway owns. Unset: the gateway uses its own database
   * (MONGO_DB), other services the gateway's default one, `media_gateway`.
   */
  API_KEYS_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .optional(),
});

export type ApiAuthEnv = z.infer<typeof apiAuthEnv>;

/** The gateway's default database, where the keys are when API_KEYS_DB is unset. */
export const DEFAULT_API_KEYS_DB = 'media_gateway';
