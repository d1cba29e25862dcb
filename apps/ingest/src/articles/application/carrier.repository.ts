export const CARRIER_REPOSITORY = Symbol('CarrierRepository');

/** One source that carried an article: exact duplicates are one article with several carriers. */
export interface Carrier {
  articleId: string;
  source: { id: string; name?: string };
  url: string;
  firstSeenAt: string;
}

/** Which sources carried which article; also the record of what each source produced, over time. */
export interface CarrierRepository {
  /** Records that a source carried an article (once per article and source). */
  record(articleId: string, source: { id: string; name?: string }, url: string, at: Date): Promise<void>;
  listFor(articleId: string): Promise<Carrier[]>;
  /** The articles among `articleIds` that this source is recorded as carrying. */
  carriedBy(sourceId: string, articleIds: readonly string[]): Promise<Set<string>>;
  /** Articles each source carried since the hour holding `since` (hourly counts), by source id. */
  countBySourceSince(since: Date): Promise<Map<string, number>>;
  /** When the source last carried a new article, if ever. */
  lastSeenAt(sourceId: string): Promise<Date | undefined>;
}
