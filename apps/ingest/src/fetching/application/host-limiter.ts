import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError } from '../domain/fetch.errors.js';

interface HostState {
  active: number;
  queue: Array<() => void>;
  nextStartAt: number;
  pausedUntil: number;
}

export interface HostLimits {
  /** Requests in flight per host. */
  concurrency: number;
  /** Least time between the starts of two requests to one host, in milliseconds. */
  minDelayMs: number;
}

/**
 * Politeness per host within this process: at most `concurrency` requests at once, starts spaced
 * by `minDelayMs` (or the site's crawl-delay), and a pause after 429/503 for the Retry-After time.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly limits: HostLimits) {}

  async run<T>(host: string, task: () => Promise<T>, crawlDelayMs = 0): Promise<T> {
    const state = this.stateOf(host);
    if (state.pausedUntil > Date.now()) {
      const waitMs = state.pausedUntil - Date.now();
      throw new FetchError(
        'fetch.host_backoff',
        `${host} asked to slow down; next try in ${Math.ceil(waitMs / 1000)} s`,
        true,
        {
          retryAfterMs: waitMs,
        },
      );
    }
    if (state.active >= this.limits.concurrency) await new Promise<void>((resolve) => state.queue.push(resolve));
    state.active += 1;
    try {
      const wait = state.nextStartAt - Date.now();
      state.nextStartAt = Math.max(Date.now(), state.nextStartAt) + Math.max(this.limits.minDelayMs, crawlDelayMs);
      if (wait > 0) await sleep(wait);
      return await task();
    } finally {
      state.active -= 1;
      state.queue.shift()?.();
      if (state.active === 0 && state.queue.length === 0 && state.pausedUntil < Date.now()) this.hosts.delete(host);
    }
  }

  /** Stops requests to the host until `untilMs` (epoch milliseconds). */
  pause(host: string, untilMs: number): void {
    const state = this.stateOf(host);
    state.pausedUntil = Math.max(state.pausedUntil, untilMs);
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, queue: [], nextStartAt: 0, pausedUntil: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }
}
