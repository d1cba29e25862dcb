import type { SourceInputV1 } from '@media-monitor/contracts';
import type { FetchRun, Source, SourceState } from '../domain/source.js';

export const SOURCE_REPOSITORY = Symbol('SourceRepository');
export const SOURCE_STATE_REPOSITORY = Symbol('SourceStateRepository');
export const FETCH_RUN_REPOSITORY = Symbol('FetchRunRepository');

/** The registered sources (definitions only). */
export interface SourceRepository {
  list(): Promise<Source[]>;
  get(sourceId: string): Promise<Source | null>;
  /** Creates or replaces a source through the API (it becomes `api`, the config file no longer touches it). */
  save(input: SourceInputV1, now: Date): Promise<{ source: Source; created: boolean }>;
  /** Creates a source from the config file, or updates one that came from it; leaves `api` sources alone. */
  saveFromConfig(input: SourceInputV1, now: Date): Promise<'created' | 'updated' | 'unchanged' | 'kept-api'>;
  delete(sourceId: string): Promise<boolean>;
}

/** Fetch state per source; written only by the holder of the source's current fetch claim. */
export interface SourceStateRepository {
  get(sourceId: string): Promise<SourceState | null>;
  all(): Promise<Map<string, SourceState>>;
  /** Creates the state of a new source (first fetch at `nextFetchAt`) unless it exists. */
  ensure(sourceId: string, nextFetchAt: Date, intervalMs: number): Promise<void>;
  save(state: SourceState): Promise<void>;
  scheduleNow(sourceId: string, now: Date): Promise<void>;
  /** States whose next fetch is due, soonest first. */
  due(now: Date, limit: number): Promise<SourceState[]>;
  delete(sourceId: string): Promise<void>;
  /**
   * Claims one fetch slot (a unique key): true for exactly one caller across replicas. The key
   * names the source, its scheduled time and the lease period, so a claim left by a crashed
   * replica lapses when the period ends.
   */
  claim(slotKey: string, owner: string, now: Date): Promise<boolean>;
  pruneClaims(olderThan: Date): Promise<number>;
}

export interface FetchRunStats {
  fetches: number;
  errors: number;
}

export interface FetchRunRepository {
  record(run: FetchRun): Promise<void>;
  recent(sourceId: string, limit: number): Promise<FetchRun[]>;
  statsSince(since: Date): Promise<Map<string, FetchRunStats>>;
  prune(olderThan: Date): Promise<number>;
}
