import type { IncompleteReason } from '@media-monitor/contracts';

export const COLLECTION_GAP_REPOSITORY = Symbol('CollectionGapRepository');

/** A period in which a source was not (fully) collected, as ingest reported it. */
export interface CollectionGap {
  sourceId: string;
  from: Date;
  to: Date;
  status: 'ok' | 'outage' | 'backlog';
  reason?: string;
  reportedAt: Date;
}

export interface CollectionGapRepository {
  /** Stores the report; a later report for the same source and start replaces an earlier one. */
  record(gap: CollectionGap): Promise<void>;
  /** Outages and backlogs overlapping [from, to), of one source or (undefined) of every source. */
  overlapping(sourceId: string | undefined, from: Date, to: Date): Promise<CollectionGap[]>;
}

export const PIPELINE_BACKLOG_PROBE = Symbol('PipelineBacklogProbe');

/** Articles accepted by ingest that the pipeline has not counted yet. */
export interface PipelineBacklog {
  pending: number;
  /** When the oldest of them entered its stream. */
  oldest: Date;
  detail: string;
}

export interface PipelineBacklogProbe {
  /** The backlog now, or undefined when there is none (or it cannot be measured). */
  current(): Promise<PipelineBacklog | undefined>;
}

/** The reasons, per bucket [start, end), that it may miss articles. */
export type BucketReasons = IncompleteReason[][];
