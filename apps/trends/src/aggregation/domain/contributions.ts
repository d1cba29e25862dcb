import type { Tone, TrendInterval, TrendSeries } from '@media-monitor/contracts';
import { bucketKey, bucketStart } from './buckets.js';
import { topicVersionKey, type CompleteAnalysis } from './joined-analysis.js';

/** What one article adds to one bucket. */
export interface BucketContribution {
  /** For topics the series id is the topic version, `bars@2`. */
  series: TrendSeries;
  interval: TrendInterval;
  start: Date;
  /** The natural key of the bucket document. */
  key: string;
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
 * A contribution set: the buckets an article adds to at once, recorded as applied in the join
 * document. `base` holds the entity, source and global series; each topic version is a set of its
 * own (`topic:bars@2`), so a topic version reported again (backfill after live matching, or a
 * redelivery) is recognised and not counted twice.
 */
export interface ContributionSet {
  name: string;
  contributions: BucketContribution[];
}

export const BASE_SET = 'base';

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
  // The global series' source map holds every source's articles per bucket: the denominators of
  // normalised volume, read in one query instead of one per source.
  all: { intervals: ['minute', 'hour', 'day'], sources: true },
};

/** The intervals stored for a kind of series; others are answered by grouping or refused. */
export function storedIntervals(kind: TrendSeries['kind']): readonly TrendInterval[] {
  return LAYOUT[kind].intervals;
}

/** The set name of a topic version. */
export function topicSetName(topicId: string, version: number): string {
  return `topic:${topicVersionKey(topicId, version)}`;
}

function seriesContributions(analysis: CompleteAnalysis, series: TrendSeries): BucketContribution[] {
  const published = new Date(analysis.publishedAt);
  const layout = LAYOUT[series.kind];
  return layout.intervals.map((interval) => {
    const start = bucketStart(interval, published);
    return {
      series,
      interval,
      start,
      key: bucketKey(series, interval, start),
      tone: (series.kind === 'entity' && analysis.entityTones.get(series.id)) || analysis.tone,
      storyId: analysis.storyId,
      sourceId: analysis.source.id,
      countSource: layout.sources,
      entityIds:
        layout.entityMapOn === interval
          ? analysis.entityIds.filter((id) => !(series.kind === 'entity' && id === series.id))
          : [],
    };
  });
}

/** Every contribution set of one analysed article: `base` and one per topic version it matched. */
export function contributionSetsOf(analysis: CompleteAnalysis): ContributionSet[] {
  const base: TrendSeries[] = [
    ...analysis.entityIds.map((id) => ({ kind: 'entity' as const, id })),
    { kind: 'source', id: analysis.source.id },
    { kind: 'all', id: '*' },
  ];
  return [
    { name: BASE_SET, contributions: base.flatMap((s) => seriesContributions(analysis, s)) },
    ...analysis.topics.map((t) => ({
      name: topicSetName(t.topicId, t.version),
      contributions: seriesContributions(analysis, { kind: 'topic', id: topicVersionKey(t.topicId, t.version) }),
    })),
  ];
}

/** Every bucket contribution of one analysed article: each applied exactly once per article. */
export function contributionsOf(analysis: CompleteAnalysis): BucketContribution[] {
  return contributionSetsOf(analysis).flatMap((s) => s.contributions);
}
