/**
 * A small cache of query answers for read-heavy endpoints that many dashboards poll (trend series):
 * answers are kept `ttlMs`; within `staleMs` after that a request gets the kept answer at once and
 * one background request refreshes it; identical requests in flight share one upstream request.
 * Bounded to `maxEntries` (least recently stored dropped first). A failed refresh keeps nothing
 * new and the next request tries again; a failed first request fails its callers (no negative
 * caching). `ttlMs` 0 turns it off.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly staleMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < this.ttlMs) return entry.value;
    if (entry && age < this.ttlMs + this.staleMs) {
      this.fetch(key, load).catch(() => undefined);
      return entry.value;
    }
    return this.fetch(key, load);
  }

  get size(): number {
    return this.entries.size;
  }

  private fetch(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = load()
      .then((value) => {
        this.entries.delete(key);
        this.entries.set(key, { value, at: this.now() });
        while (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest === undefined) break;
          this.entries.delete(oldest);
        }
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }
}
