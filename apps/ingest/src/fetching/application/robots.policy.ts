import { createRequire } from 'node:module';
import { FetchError } from '../domain/fetch.errors.js';
import type { HttpFetcher } from './http-fetcher.js';

interface Robot {
  isDisallowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
}

/** robots-parser is CommonJS whose typings declare an ES default export: load it as what it is. */
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robot;

interface Entry {
  /** null: no robots.txt (4xx), everything allowed. */
  robot: Robot | null;
  expiresAt: number;
}

/** robots.txt files are small; larger ones are cut (RFC 9309 allows 500 KiB at least). */
const MAX_ROBOTS_BYTES = 512 * 1024;

/**
 * robots.txt per origin (RFC 9309): a 4xx answer allows everything, an unreachable file fails the
 * fetch with the underlying error (retried later), a parsed file is kept for `ttlMs`.
 */
export class RobotsPolicy {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();

  constructor(
    private readonly fetcher: HttpFetcher,
    private readonly userAgent: string,
    private readonly ttlMs: number,
  ) {}

  /** Throws `fetch.robots_disallowed` when the site's robots.txt disallows the URL for our agent. */
  async check(url: string): Promise<{ crawlDelayMs?: number }> {
    const target = new URL(url);
    if (target.pathname === '/robots.txt') return {};
    const entry = await this.entryFor(target.origin);
    if (!entry.robot) return {};
    const token = this.productToken();
    if (entry.robot.isDisallowed(url, token)) {
      throw new FetchError(
        'fetch.robots_disallowed',
        `${target.origin}/robots.txt disallows ${url} for ${token}`,
        false,
      );
    }
    const delay = entry.robot.getCrawlDelay(token);
    return delay ? { crawlDelayMs: Math.min(delay, 60) * 1000 } : {};
  }

  private productToken(): string {
    return this.userAgent.split(/[/\s]/)[0] || this.userAgent;
  }

  private async entryFor(origin: string): Promise<Entry> {
    const cached = this.cache.get(origin);
    if (cached && cached.expiresAt > Date.now()) return cached;
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    let entry: Entry;
    try {
      const response = await this.fetcher.get({
        url: robotsUrl,
        accept: 'text/plain, */*',
        maxBytes: MAX_ROBOTS_BYTES,
      });
      entry = { robot: robotsParser(robotsUrl, response.body.toString('utf8')), expiresAt: Date.now() + this.ttlMs };
    } catch (error) {
      const status = error instanceof FetchError ? error.details.httpStatus : undefined;
      if (status === undefined || status >= 500 || status === 429) throw error;
      entry = { robot: null, expiresAt: Date.now() + this.ttlMs };
    }
    this.cache.set(origin, entry);
    return entry;
  }
}
