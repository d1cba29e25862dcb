import { Inject, Injectable } from '@nestjs/common';
import type { CollectionStatusV1, IncompleteReason } from '@media-monitor/contracts';
import {
  COLLECTION_GAP_REPOSITORY,
  PIPELINE_BACKLOG_PROBE,
  type CollectionGapRepository,
  type PipelineBacklogProbe,
} from './collection-gap.repository.js';

/**
 * Whether collection was complete over each bucket: a bucket overlapping a source outage or an
 * ingest backlog that ingest reported (ingest.collection-status.v1), or starting before the
 * oldest article still waiting in the pipeline, may miss articles. A dip is then not silence.
 */
@Injectable()
export class CompletenessUseCase {
  constructor(
    @Inject(COLLECTION_GAP_REPOSITORY) private readonly gaps: CollectionGapRepository,
    @Inject(PIPELINE_BACKLOG_PROBE) private readonly backlog: PipelineBacklogProbe,
  ) {}

  async recordStatus(event: CollectionStatusV1): Promise<void> {
    await this.gaps.record({
      sourceId: event.sourceId,
      from: new Date(event.from),
      to: new Date(event.to),
      status: event.status,
      ...(event.reason ? { reason: event.reason } : {}),
      reportedAt: new Date(event.reportedAt),
    });
  }

  /**
   * The reasons per bucket. `sourceId`: only that source's gaps count (a source series); otherwise
   * every source's, since a source that was down contributed nothing a series could show.
   */
  async reasons(buckets: ReadonlyArray<{ start: Date; end: Date }>, sourceId?: string): Promise<IncompleteReason[][]> {
    const first = buckets[0];
    const last = buckets[buckets.length - 1];
    if (!first || !last) return [];
    const [gaps, backlog] = await Promise.all([
      this.gaps.overlapping(sourceId, first.start, last.end),
      this.backlog.current(),
    ]);
    return buckets.map(({ start, end }) => {
      const reasons: IncompleteReason[] = [];
      for (const gap of gaps) {
        if (gap.from < end && gap.to > start && gap.status !== 'ok') {
          reasons.push({
            kind: gap.status,
            sourceId: gap.sourceId,
            from: gap.from.toISOString(),
            to: gap.to.toISOString(),
            detail: gap.reason ?? `${gap.sourceId}: ${gap.status}`,
          });
        }
      }
      if (backlog && end > backlog.oldest) {
        reasons.push({
          kind: 'backlog',
          from: backlog.oldest.toISOString(),
          to: new Date().toISOString(),
          detail: backlog.detail,
        });
      }
      return reasons;
    });
  }
}
