import { Inject, Injectable } from '@nestjs/common';
import type { TopicTrendRequestV1, TopicTrendResponseV1, TrendPoint } from '@media-monitor/contracts';
import { PermanentError } from '@media-monitor/messaging';
import {
  BUCKET_REPOSITORY,
  type BucketRepository,
  type BucketRow,
} from '../aggregation/application/bucket.repository.js';
import { hourStarts } from '../aggregation/domain/buckets.js';

/** Longest range one hourly query may cover: 93 days. */
const MAX_HOURS = 93 * 24;

export class TrendRangeError extends PermanentError {
  constructor(message: string) {
    super('trends.invalid_range', message);
  }
}

function toPoint(start: Date, row: BucketRow | undefined): TrendPoint {
  const toneCount = row?.toneCount ?? 0;
  const toneSum = row?.toneSum ?? 0;
  return {
    bucketStart: start.toISOString(),
    articles: row?.articles ?? 0,
    toneSum,
    toneCount,
    toneAvg: toneCount > 0 ? Math.max(-1, Math.min(1, toneSum / toneCount)) : null,
    positive: row?.positive ?? 0,
    negative: row?.negative ?? 0,
    neutral: row?.neutral ?? 0,
    articleIds: row?.articleIds ?? [],
  };
}

/** A topic's hourly series over [from, to), every hour present (empty hours as zeros). */
@Injectable()
export class GetTopicTrendUseCase {
  constructor(@Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository) {}

  async execute(request: TopicTrendRequestV1): Promise<TopicTrendResponseV1> {
    const from = new Date(request.from);
    const to = new Date(request.to);
    if (!(from < to)) throw new TrendRangeError('"from" must be before "to"');
    const starts = hourStarts(from, to);
    if (starts.length > MAX_HOURS) throw new TrendRangeError(`at most ${MAX_HOURS} hourly points per request`);
    const rows = await this.buckets.findTopicHours(request.topicId, starts[0] ?? from, to);
    const byStart = new Map(rows.map((row) => [row.bucketStart.getTime(), row]));
    return {
      topicId: request.topicId,
      interval: request.interval,
      from: from.toISOString(),
      to: to.toISOString(),
      points: starts.map((start) => toPoint(start, byStart.get(start.getTime()))),
    };
  }
}
