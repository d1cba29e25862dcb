import type { SourceInputV1 } from '@media-monitor/contracts';

/** A registered source: what to fetch and how, and where its definition came from. */
export type Source = SourceInputV1 & {
  origin: 'config' | 'api';
  createdAt: Date;
  updatedAt: Date;
};

/** Where a source's fetching stands: written by the replica that holds its current fetch claim. */
export interface SourceState {
  sourceId: string;
  nextFetchAt: Date;
  /** The adaptive interval between successful fetches, in milliseconds. */
  intervalMs: number;
  etag?: string;
  lastModified?: string;
  consecutiveFailures: number;
  lastFetchAt?: Date;
  lastSuccessAt?: Date;
  lastOutcome?: FetchOutcome;
  lastHttpStatus?: number;
  lastError?: { code: string; message: string; at: Date };
}

export type FetchOutcome = 'ok' | 'not_modified' | 'error';

/** One fetch of a source, kept for health and for the operator. */
export interface FetchRun {
  sourceId: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: FetchOutcome;
  httpStatus?: number;
  error?: { code: string; message: string };
  items: number;
  newItems: number;
  itemErrors: Array<{ url: string; code: string; message: string }>;
}

/** Sources that are fetched (push sources only receive). */
export function isFetched(source: Pick<Source, 'type'>): boolean {
  return source.type !== 'push';
}

/** A source id that is not registered. */
export class SourceNotFoundError extends Error {
  readonly code = 'ingest.source.not_found';
  constructor(sourceId: string) {
    super(`no source "${sourceId}"`);
  }
}
