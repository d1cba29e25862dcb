import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the dashboard lives. Its client-side routes are paths below it. */
export const DASHBOARD_PREFIX = '/app/';

/**
 * The dashboard's Content-Security-Policy: scripts, styles and API calls from the gateway's own
 * origin only; no inline script, no eval, no plugins, no framing. Article text the dashboard shows
 * cannot run script even if markup got into the page.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Files under assets/ carry a content hash in their names, so they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the unhashed files: revalidated on every load, so a new build shows at once. */
const REVALIDATE = 'no-cache';

const ASSETS = `${DASHBOARD_PREFIX}assets/`;

/**
 * Serves the built dashboard at /app/ (index.html for every client-side route, 404 for missing
 * assets), redirects / there, and gives its pages their own Content-Security-Policy. Without a
 * build, /app/ answers 503 `dashboard.not_built` and the API is unaffected.
 */
export async function registerDashboard(app: NestFastifyApplication, dir: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.get('/', (_request, reply) => reply.redirect(DASHBOARD_PREFIX));
  fastify.get('/app', (_request, reply) => reply.redirect(DASHBOARD_PREFIX));
  if (!existsSync(join(dir, 'index.html'))) {
    new Logger('Dashboard').warn(`no dashboard build in ${dir} (npm run build makes it); /app/ answers 503`);
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply.status(503).send({
        error: { code: 'dashboard.not_built', message: `the dashboard is not built (no ${join(dir, 'index.html')})` },
      });
    fastify.get('/app/', notBuilt);
    fastify.get('/app/*', notBuilt);
    return;
  }
  await fastify.register(async (scope) => {
    // Set last, over the API's policy that helmet gave every response.
    scope.addHook('onSend', async (request, reply, payload) => {
      reply.header('content-security-policy', DASHBOARD_CSP);
      if (reply.statusCode < 400)
        reply.header('cache-control', request.url.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE);
      return payload;
    });
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: DASHBOARD_PREFIX,
      wildcard: false,
      index: false,
      serveDotFiles: false,
      cacheControl: false,
      globIgnore: ['**/.build-hash'],
    });
    const page = (_request: unknown, reply: FastifyReply) => reply.sendFile('index.html');
    scope.get('/app/', page);
    // Client-side routes get the page; a missing hashed asset is a real 404, not the page.
    scope.get('/app/*', (request, reply) =>
      request.url.startsWith(ASSETS) ? reply.callNotFound() : page(request, reply),
    );
  });
}
