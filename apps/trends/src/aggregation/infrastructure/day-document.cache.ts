/**
 * Day documents of closed days, kept between trend queries: a 30-day hourly trend reads 60 day
 * documents, of which only today's and yesterday's still change, so a refresh reads those two.
 * Writes of this process drop what they touch at once (`invalidate`); writes of other trends
 * replicas are seen when an entry expires (`ttlMs`). A read that overlaps an invalidation of a key
 * does not store what it read for that key. At most `maxEntries` documents (least recently used go).
 */
export class DayDocumentCache<T> {
  private readonly entries = new Map<string, { value: T | null; at: number }>();
  /** Invalidation sequence number per key, and below `floor` for every key. */
  private readonly invalidated = new Map<string, number>();
  private sequence = 0;
  private floor = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached document (`null`: known to be absent), or undefined when not cached or expired. */
  get(key: string): T | null | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Taken before reading the store; pass it to `set` with what was read. */
  mark(): number {
    return this.sequence;
  }

  set(key: string, value: T | null, mark: number): void {
    if (mark < this.floor || (this.invalidated.get(key) ?? -1) >= mark) return;
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  invalidate(key: string): void {
    this.entries.delete(key);
    this.invalidated.set(key, this.sequence++);
    if (this.invalidated.size > 10_000) this.clear();
  }

  /** Drops everything; reads in flight store nothing. */
  clear(): void {
    this.entries.clear();
    this.invalidated.clear();
    this.floor = ++this.sequence;
  }
}
