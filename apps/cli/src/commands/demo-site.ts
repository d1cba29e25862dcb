import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { repositoryRoot } from '@media-monitor/local-infra';

const TYPES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
const HOUR_MS = 3_600_000;

/** The demo's web site folder: feeds, a sitemap, a Telegram preview page and articles, all fictional. */
export function demoSiteDir(): string {
  return join(repositoryRoot(), 'apps', 'cli', 'demo', 'site');
}

/** Fills `{{BASE}}`, `{{ISO:n}}` and `{{RFC:n}}` (n hours before `now`). */
export function fillTemplate(text: string, base: string, now: Date): string {
  return text
    .replaceAll('{{BASE}}', base)
    .replace(/\{\{ISO:(\d+)\}\}/g, (_m, h: string) => new Date(now.getTime() - Number(h) * HOUR_MS).toISOString())
    .replace(/\{\{RFC:(\d+)\}\}/g, (_m, h: string) => new Date(now.getTime() - Number(h) * HOUR_MS).toUTCString());
}

/**
 * Serves the demo web site on 127.0.0.1 (a free port): `/s/bars_demo` is the Telegram preview page,
 * paths without an extension are pages (`.html`), everything dated relative to `now`.
 */
export class DemoSite {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(now: Date): Promise<DemoSite> {
    const root = demoSiteDir();
    let base = '';
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://demo').pathname;
      const relative = path === '/s/bars_demo' ? 'telegram.html' : extname(path) ? path : `${path}.html`;
      const file = normalize(join(root, relative));
      if (!file.startsWith(root) || !existsSync(file) || file.endsWith('sources.json')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = fillTemplate(readFileSync(file, 'utf8'), base, now);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new DemoSite(server, base);
  }

  /** The demo's sources (pointing at this site) followed by the bundled real ones. */
  sourcesFile(now: Date, withRealSources: boolean): { sources: unknown[] } {
    const demo = JSON.parse(fillTemplate(readFileSync(join(demoSiteDir(), 'sources.json'), 'utf8'), this.url, now)) as {
      sources: unknown[];
    };
    const real = withRealSources
      ? (
          JSON.parse(
            readFileSync(join(repositoryRoot(), 'apps', 'ingest', 'sources', 'default-sources.json'), 'utf8'),
          ) as {
            sources: unknown[];
          }
        ).sources
      : [];
    return { sources: [...demo.sources, ...real] };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
