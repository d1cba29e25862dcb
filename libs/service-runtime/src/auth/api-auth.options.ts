import type { ApiScope } from './api-key.js';

/** How a service checks API keys (the gateway's scheme, shared by every service with an HTTP API). */
export interface ApiAuthOptions {
  /** `required`: routes need a key; `disabled` only for local experiments. */
  mode: 'required' | 'disabled';
  /** An admin key stored (its hash) at start if missing: the first key of a deployment. */
  bootstrapKey?: string;
  /** Database of the key store; default: the service's own database (the gateway's, which owns the keys). */
  database?: string;
  /** The scope of a guarded route that names none with `RequireScope`. */
  defaultScope: ApiScope;
  /**
   * Guard every HTTP route of the application (an app-level guard) except those marked
   * `PublicRoute` (health, metrics); otherwise only controllers with `@UseGuards(ApiKeyGuard)`.
   */
  guardEveryRoute?: boolean;
}

export const API_AUTH_OPTIONS = Symbol('ApiAuthOptions');
