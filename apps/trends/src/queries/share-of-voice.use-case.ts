import { Injectable } from '@nestjs/common';
import { CompletenessUseCase } from '../completeness/application/completeness.use-case.js';
import type { ShareOfVoiceRequestV1, ShareOfVoiceResponseV1 } from '@media-monitor/contracts';
import { checkTimeZone, localStart, planBuckets } from './domain/bucket-plan.js';
import { SeriesTrendUseCase } from './series-trend.use-case.js';

/** Each topic's share of the articles of several topics, bucket by bucket. */
@Injectable()
export class ShareOfVoiceUseCase {
  constructor(
    private readonly series: SeriesTrendUseCase,
    private readonly completeness: CompletenessUseCase,
  ) {}

  async execute(request: ShareOfVoiceRequestV1): Promise<ShareOfVoiceResponseV1> {
    const timeZone = checkTimeZone(request.timeZone);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const topicIds = [...new Set(request.topicIds)];
    const plan = planBuckets(request.interval, from, to, timeZone);
    const reasons = this.completeness.reasons(plan.buckets);
    const perTopic = await Promise.all(
      topicIds.map(async (id) => this.series.mergedBuckets(await this.series.resolve({ kind: 'topic', id }), plan)),
    );
    const incomplete = await reasons;
    return {
      topicIds,
      interval: request.interval,
      timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      points: plan.buckets.map((bucket, i) => {
        const counts = perTopic.map((buckets) => buckets[i]?.articles ?? 0);
        const total = counts.reduce((sum, n) => sum + n, 0);
        return {
          bucketStart: bucket.start.toISOString(),
          localStart: localStart(bucket.start, timeZone),
          total,
          complete: (incomplete[i] ?? []).length === 0,
          topics: topicIds.map((topicId, t) => ({
            topicId,
            articles: counts[t] ?? 0,
            share: total > 0 ? (counts[t] ?? 0) / total : null,
          })),
        };
      }),
    };
  }
}
