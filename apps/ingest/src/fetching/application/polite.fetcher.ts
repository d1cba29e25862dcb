import { FetchError } from '../domain/fetch.errors.js';
import type { HostLimiter } from './host-limiter.js';
import type { FetchRequest, FetchResponse, HttpFetcher } from './http-fetcher.js';
import type { RobotsPolicy } from './robots.policy.js';

/** Default pause of a host that answered 429 or 503 without Retry-After, in milliseconds. */
const DEFAULT_BACKOFF_MS = 60_000;

/** What sources fetch through: robots.txt first, then the per-host limits, then the network. */
export class PoliteFetcher implements HttpFetcher {
  constructor(
    private readonly fetcher: HttpFetcher,
    private readonly robots: RobotsPolicy,
    private readonly hosts: HostLimiter,
  ) {}

  async get(request: FetchRequest): Promise<FetchResponse> {
    const { crawlDelayMs } = await this.robots.check(request.url);
    const host = new URL(request.url).host;
    return this.hosts.run(
      host,
      async () => {
        try {
          return await this.fetcher.get(request);
        } catch (error) {
          const status = error instanceof FetchError ? error.details.httpStatus : undefined;
          if (status === 429 || status === 503) {
            this.hosts.pause(host, Date.now() + ((error as FetchError).details.retryAfterMs ?? DEFAULT_BACKOFF_MS));
          }
          throw error;
        }
      },
      crawlDelayMs,
    );
  }
}
