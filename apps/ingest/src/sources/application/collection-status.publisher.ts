import type { CollectionGapReport } from '../domain/collection-gap.js';

export const COLLECTION_STATUS_PUBLISHER = Symbol('CollectionStatusPublisher');

/** Tells trends where collection had gaps, so that a dip is not read as silence. */
export interface CollectionStatusPublisher {
  publishGap(report: CollectionGapReport, reportedAt: Date): Promise<void>;
}
