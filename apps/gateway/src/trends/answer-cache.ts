/**
 * A small cache of query answers for read-heavy endpoints that many dashboards poll (trend series):
 * answers are kept `ttlMs`; within `staleMs` after that a request gets the kept answer at once and
 * one background request refreshes it; identical requests in flight share one upstream request.
 * Bounded to `maxEntries` (least recently stored dropped first). A failed refresh keeps nothing
 * new and the next request tries again; a failed first request fails its callers (no negative
 * caching). `ttlMs` 0 turns it off. `evict` drops answers a change made wrong (invalidation).
 * `ttlOf` may give an answer a longer life of its own (one only events can change); the stale
 * window follows whichever life the answer has.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, { value: T; at: number; ttl: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly staleMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
    private readonly ttlOf: (value: T) => number = () => ttlMs,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < entry.ttl) return entry.value;
    if (entry && age < entry.ttl + this.staleMs) {
      this.fetch(key, load).catch(() => undefined);
      return entry.value;
    }
    return this.fetch(key, load);
  }

  /** The kept answer while it is within its life, without loading or refreshing anything. */
  peek(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.at < entry.ttl ? entry.value : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /**
   * Drops every kept answer `affected` says a change touched (fresh and stale alike), and detaches
   * every request in flight: it still answers the callers that asked before the change, but is
   * not kept and not shared with later callers, who start a request of their own (an answer in
   * flight may have been read before the change). Returns how many kept answers were dropped.
   */
  evict(affected: (value: T, key: string) => boolean): number {
    this.inflight.clear();
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (!affected(entry.value, key)) continue;
      this.entries.delete(key);
      dropped += 1;
    }
    return dropped;
  }

  private fetch(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise: Promise<T> = load()
      .then((value) => {
        // Detached by evict() while in flight: the answer may predate the change, keep nothing.
        if (this.inflight.get(key) !== promise) return value;
        this.entries.delete(key);
        this.entries.set(key, { value, at: this.now(), ttl: Math.max(this.ttlMs, this.ttlOf(value)) });
        while (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest === undefined) break;
          this.entries.delete(oldest);
        }
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }
}
