import type { Tone, TrendInterval, TrendSeries } from '@media-monitor/contracts';
import { bucketStart } from './buckets.js';
import type { CompleteAnalysis } from './joined-analysis.js';

/** What one article adds to one bucket. */
export interface BucketContribution {
  series: TrendSeries;
  interval: TrendInterval;
  start: Date;
  /** The document tone; in an entity's series, the tone towards that entity. */
  tone: Tone;
  storyId: string;
  sourceId: string;
  /** Count the article's source in the bucket's source map (top sources, normalised volume). */
  countSource: boolean;
  /** Other entities to count in the bucket's entity map (top entities, co-mentions). */
  entityIds: string[];
}

/**
 * Which buckets each series keeps. Topics get minute buckets for live views; sources get hour
 * and day buckets, the denominators of normalised volume; the entity maps (top entities and
 * co-mentions) are kept per day.
 */
const LAYOUT: Record<
  TrendSeries['kind'],
  { intervals: TrendInterval[]; sources: boolean; entityMapOn?: TrendInterval }
> = {
  topic: { intervals: ['minute', 'hour', 'day'], sources: true, entityMapOn: 'day' },
  entity: { intervals: ['hour', 'day'], sources: true, entityMapOn: 'day' },
  source: { intervals: ['hour', 'day'], sources: false },
  all: { intervals: ['minute', 'hour', 'day'], sources: false },
};

/** The intervals stored for a kind of series; others are answered by grouping or refused. */
export function storedIntervals(kind: TrendSeries['kind']): readonly TrendInterval[] {
  return LAYOUT[kind].intervals;
}

/** Every bucket contribution of one analysed article: each applied exactly once per article. */
export function contributionsOf(analysis: CompleteAnalysis): BucketContribution[] {
  const published = new Date(analysis.publishedAt);
  const entityIds = [...new Set(analysis.entityIds)];
  const series: TrendSeries[] = [
    ...[...new Set(analysis.topicIds)].map((id) => ({ kind: 'topic' as const, id })),
    ...entityIds.map((id) => ({ kind: 'entity' as const, id })),
    { kind: 'source', id: analysis.source.id },
    { kind: 'all', id: '*' },
  ];
  return series.flatMap((s) => {
    const layout = LAYOUT[s.kind];
    return layout.intervals.map((interval) => ({
      series: s,
      interval,
      start: bucketStart(interval, published),
      tone: (s.kind === 'entity' && analysis.entityTones.get(s.id)) || analysis.tone,
      storyId: analysis.storyId,
      sourceId: analysis.source.id,
      countSource: layout.sources,
      entityIds: layout.entityMapOn === interval ? entityIds.filter((id) => !(s.kind === 'entity' && id === s.id)) : [],
    }));
  });
}
