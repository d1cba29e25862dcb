import {
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_ROUTE } from '@media-monitor/service-kit';
import { API_AUTH_OPTIONS, type ApiAuthOptions } from './api-auth.options.js';
import { grants, type ApiScope } from './api-key.js';
import { ApiKeyService, type ApiPrincipal } from './api-key.service.js';

const SCOPE = 'api-auth:required-scope';

/** The scope a route needs; routes without it need the service's default scope (the gateway: `read`). */
export const RequireScope = (scope: ApiScope) => SetMetadata(SCOPE, scope);

const QUERY_TOKEN = 'api-auth:query-token';

/**
 * The route also accepts the key as `?access_token=` (Server-Sent Events: a browser's EventSource
 * cannot set headers). Only for such routes: keys in URLs end up in logs and histories.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);

/** The key of the request, from `X-API-Key`, `Authorization: Bearer` or, where allowed, `access_token`. */
function presentedKey(request: FastifyRequest, allowQuery: boolean): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  const query = request.query as Record<string, unknown> | undefined;
  return allowQuery && typeof query?.['access_token'] === 'string' ? query['access_token'] : undefined;
}

/**
 * Whether a request that bypasses Nest's pipeline (a Fastify hook answering from a cache) could
 * pass ApiKeyGuard on a route needing `required`, with the key from a header only. When it could
 * not, the hook leaves the request to the route, whose guard answers 401 or 403.
 */
export async function requestPermitted(
  keys: ApiKeyService,
  options: ApiAuthOptions,
  request: FastifyRequest,
  required: ApiScope,
): Promise<boolean> {
  if (options.mode === 'disabled') return true;
  const principal = await presentedPrincipal(keys, request, false);
  return principal !== null && grants(principal.scopes, required);
}

/** The principal of the request's key (see presentedKey), or null without a valid one. */
function presentedPrincipal(
  keys: ApiKeyService,
  request: FastifyRequest,
  allowQuery: boolean,
): Promise<ApiPrincipal | null> {
  const token = presentedKey(request, allowQuery);
  return token ? keys.verify(token) : Promise.resolve(null);
}

/**
 * A valid API key with the route's scope (401 `auth.invalid_key` without one, 403
 * `auth.insufficient_scope` without the scope). HTTP only; routes marked `PublicRoute` stay open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    @Inject(API_AUTH_OPTIONS) private readonly options: ApiAuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // An app-level guard also sees the message handlers of a hybrid application: NATS is not HTTP.
    if (this.options.mode === 'disabled' || context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    const required =
      this.reflector.getAllAndOverride<ApiScope | undefined>(SCOPE, targets) ?? this.options.defaultScope;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: ApiPrincipal }>();
    const allowQuery = this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN, targets) ?? false;
    const principal = await presentedPrincipal(this.keys, request, allowQuery);
    if (!principal) {
      throw new UnauthorizedException({
        error: { code: 'auth.invalid_key', message: 'an API key is required (X-API-Key header or Bearer token)' },
      });
    }
    if (!grants(principal.scopes, required)) {
      throw new ForbiddenException({
        error: { code: 'auth.insufficient_scope', message: `this route needs the "${required}" scope` },
      });
    }
    request.principal = principal;
    return true;
  }
}
