import { Inject, Injectable } from '@nestjs/common';
import type { TopTermsRequestV1, TopTermsResponseV1 } from '@media-monitor/contracts';
import { BUCKET_REPOSITORY, type BucketRepository } from '../aggregation/application/bucket.repository.js';
import { INTERVAL_MS, bucketStart } from '../aggregation/domain/buckets.js';
import { TrendRequestError } from './domain/bucket-plan.js';
import { mergeRows, topCounts } from './domain/trend-points.js';
import { SeriesTrendUseCase } from './series-trend.use-case.js';

/** Longest range of a top-terms query: a year of daily buckets. */
const MAX_DAYS = 366;

/** The entities and sources most present in a topic's or entity's articles over whole UTC days. */
@Injectable()
export class TopTermsUseCase {
  constructor(
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
    private readonly series: SeriesTrendUseCase,
  ) {}

  async execute(request: TopTermsRequestV1): Promise<TopTermsResponseV1> {
    if (request.series.kind !== 'topic' && request.series.kind !== 'entity') {
      throw new TrendRequestError(
        'trends.interval_unavailable',
        'top entities and sources exist for topic and entity series',
      );
    }
    const from = bucketStart('day', new Date(request.from));
    const requestedTo = new Date(request.to);
    if (!(from < requestedTo)) throw new TrendRequestError('trends.invalid_range', '"from" must be before "to"');
    const to = new Date(Math.ceil(requestedTo.getTime() / INTERVAL_MS.day) * INTERVAL_MS.day);
    if ((to.getTime() - from.getTime()) / INTERVAL_MS.day > MAX_DAYS) {
      throw new TrendRequestError('trends.invalid_range', `top terms cover at most ${MAX_DAYS} days`);
    }
    const stored = await this.series.resolve(request.series);
    const merged = mergeRows(await this.buckets.find([stored.key], 'day', from, to));
    return {
      series: request.series,
      from: from.toISOString(),
      to: to.toISOString(),
      articles: merged.articles,
      entities: topCounts(merged.entities, request.limit),
      sources: topCounts(merged.sources, request.limit),
    };
  }
}
