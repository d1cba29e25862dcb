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
  /**
   * On day buckets: the hour of the article, counted inside the day document (`hours.<HH>`), so
   * an hourly series is read as whole days by key. `key` is the hour's own bucket key (its markers).
   */
  hour?: { slot: string; start: Date; key: string };
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
 * Which documents each series keeps. Every series has day documents holding their 24 hours
 * (`hours.<HH>`); topics and the global series also minute documents for live views. Topic,
 * entity and global buckets keep a source map (the global one: the denominators of normalised
 * volume, one read instead of one per source); the entity maps (top entities and co-mentions)
 * are kept per day.
 */
const LAYOUT: Record<TrendSeries['kind'], { documents: TrendInterval[]; sources: boolean }> = {
  topic: { documents: ['minute', 'day'], sources: true },
  entity: { documents: ['day'], sources: true },
  source: { documents: ['day'], sources: false },
  all: { documents: ['minute', 'day'], sources: true },
};

/** The intervals a kind of series can be read at (hours live inside the day documents). */
export function storedIntervals(kind: TrendSeries['kind']): readonly TrendInterval[] {
  return LAYOUT[kind].documents.includes('minute') ? ['minute', 'hour', 'day'] : ['hour', 'day'];
}

/** `07`: the hour slot of an instant within its UTC day document. */
export function hourSlot(instant: Date): string {
  return String(instant.getUTCHours()).padStart(2, '0');
}

/** The set name of a topic version. */
export function topicSetName(topicId: string, version: number): string {
  return `topic:${topicVersionKey(topicId, version)}`;
}

function seriesContributions(analysis: CompleteAnalysis, series: TrendSeries): BucketContribution[] {
  const published = new Date(analysis.publishedAt);
  const layout = LAYOUT[series.kind];
  return layout.documents.map((interval) => {
    const start = bucketStart(interval, published);
    const hourStart = bucketStart('hour', published);
    return {
      ...(interval === 'day'
        ? { hour: { slot: hourSlot(published), start: hourStart, key: bucketKey(series, 'hour', hourStart) } }
        : {}),
      series,
      interval,
      start,
      key: bucketKey(series, interval, start),
      tone: (series.kind === 'entity' && analysis.entityTones.get(series.id)) || analysis.tone,
      storyId: analysis.storyId,
      sourceId: analysis.source.id,
      countSource: layout.sources,
      entityIds:
        interval === 'day' && (series.kind === 'topic' || series.kind === 'entity')
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
