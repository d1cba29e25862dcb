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
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import { grants, type ApiScope } from './api-key.js';
import { ApiKeyService, type ApiPrincipal } from './api-key.service.js';

const SCOPE = 'gateway:required-scope';

/** The scope a route needs; routes without it need `read`. */
export const RequireScope = (scope: ApiScope) => SetMetadata(SCOPE, scope);

const QUERY_TOKEN = 'gateway:query-token';

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

/** Every /v1 route: a valid API key with the route's scope (401 without one, 403 without the scope). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.API_AUTH === 'disabled') return true;
    const required =
      this.reflector.getAllAndOverride<ApiScope | undefined>(SCOPE, [context.getHandler(), context.getClass()]) ??
      'read';
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: ApiPrincipal }>();
    const allowQuery =
      this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN, [context.getHandler(), context.getClass()]) ??
      false;
    const token = presentedKey(request, allowQuery);
    const principal = token ? await this.keys.verify(token) : null;
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
