import { mulberry32 } from '@media-monitor/random';
import { bucketIncrements } from '../aggregation/domain/bucket-increments.js';
import { seriesKey } from '../aggregation/domain/buckets.js';
import { contributionSetsOf } from '../aggregation/domain/contributions.js';
import { completeAnalysis, type CompleteAnalysis } from '../aggregation/domain/joined-analysis.js';
import { seriesInterval } from '../aggregation/infrastructure/mongo-bucket.repository.js';
import type { BucketDocument } from '../aggregation/infrastructure/trends.schemas.js';

export interface CorpusOptions {
  articles: number;
  /** The corpus covers the `days` before `end`. */
  end: Date;
  days: number;
  sources: number;
  topics: number;
  entities: number;
  seed?: number;
  /**
   * Only the articles published at instants this accepts are built (the others are drawn all the
   * same, so every article is the same whichever part of the corpus is asked for).
   */
  keep?: (publishedAtMs: number) => boolean;
}

/** Synthetic analysed articles: Zipf-like sources and entities, stories of one to three articles, 0–2 topics each. */
export function* syntheticAnalyses(options: CorpusOptions): Generator<CompleteAnalysis> {
  const next = mulberry32(options.seed ?? 42);
  const span = options.days * 86_400_000;
  // 0 .. n-1, P(k) ∝ log((k + 2) / (k + 1)): each of the n values drawn, the first most often.
  const zipf = (n: number) => Math.min(n - 1, Math.floor((n + 1) ** next()) - 1);
  let story = '';
  for (let i = 0; i < options.articles; i += 1) {
    const articleId = i.toString(16).padStart(32, '0');
    if (i % 2 === 0 || next() < 0.3) story = articleId;
    const publishedAtMs = options.end.getTime() - Math.floor(next() * span);
    const score = Math.round((next() * 2 - 1) * 100) / 100;
    const label = score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral';
    const entityDraws = [zipf(options.entities), zipf(options.entities), zipf(options.entities)];
    const topicDraws = [next() < 0.4 ? zipf(options.topics) : -1, next() < 0.1 ? zipf(options.topics) : -1];
    const sourceDraw = zipf(options.sources);
    if (options.keep && !options.keep(publishedAtMs)) continue;
    const entityIds = [...new Set(entityDraws)].map((e) => `per:e${e}`);
    const topics = [...new Set(topicDraws)]
      .filter((t) => t >= 0)
      .map((t) => ({ topicId: `topic-${t}`, version: 1, matched: ['x'], evidence: [] }));
    const sourceId = `source-${sourceDraw}.example`;
    const joined = completeAnalysis({
      articleId,
      entities: {
        publishedAt: new Date(publishedAtMs).toISOString(),
        language: 'en',
        source: { id: sourceId },
        storyId: story,
        url: `https://bench.example/${articleId}`,
        title: 'Bench',
        text: 'Bench\n\nBody',
        topics,
        entities: entityIds.map((entityId) => ({
          entityId,
          name: entityId,
          type: 'PER' as const,
          mentions: [{ text: 'x', start: 0, end: 1 }],
        })),
      },
      sentiment: { document: { score, label, confidence: 0.8 }, sentences: [], entities: [] },
      matchedTopics: [],
      applied: [],
      attempting: [],
      releasing: [],
    });
    if (joined) yield joined;
  }
}

/**
 * The bucket documents the write path (RecordAnalysisUseCase with MongoBucketRepository and the
 * markers) leaves after counting these articles and releasing them: same keys, fields and values.
 */
export class BucketFixture {
  private readonly docs = new Map<string, BucketDocument>();
  private readonly stories = new Map<string, Set<string>>();
  private readonly publishers = new Map<string, Set<string>>();

  add(analysis: CompleteAnalysis): void {
    for (const set of contributionSetsOf(analysis)) {
      for (const c of set.contributions) {
        const series = seriesKey(c.series);
        let doc = this.docs.get(c.key);
        if (!doc) {
          doc = {
            _id: c.key,
            series,
            interval: c.interval,
            si: seriesInterval(series, c.interval),
            bucketStart: c.start,
            articles: 0,
            stories: 0,
            publishers: 0,
            toneSum: 0,
            toneCount: 0,
            positive: 0,
            negative: 0,
            neutral: 0,
            inflight: [],
          };
          this.docs.set(c.key, doc);
        }
        const firsts = {
          story: addTo(this.stories, c.key, c.storyId),
          publisher: addTo(this.publishers, c.key, c.sourceId),
          ...(c.hour
            ? {
                hourStory: addTo(this.stories, c.hour.key, c.storyId),
                hourPublisher: addTo(this.publishers, c.hour.key, c.sourceId),
              }
            : {}),
        };
        for (const [path, n] of Object.entries(bucketIncrements(c, firsts))) increment(doc, path, n);
      }
    }
  }

  get size(): number {
    return this.docs.size;
  }

  /** The documents, releasing their memory as they are taken. */
  *drain(): Generator<BucketDocument> {
    this.stories.clear();
    this.publishers.clear();
    for (const [key, doc] of this.docs) {
      this.docs.delete(key);
      yield doc;
    }
  }
}

function addTo(sets: Map<string, Set<string>>, key: string, value: string): boolean {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  if (set.has(value)) return false;
  set.add(value);
  return true;
}

/** `$inc` of a dotted path on a plain object, creating the objects on the way. */
function increment(doc: object, path: string, n: number): void {
  const parts = path.split('.');
  let node = doc as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  const last = parts[parts.length - 1] ?? '';
  node[last] = ((node[last] as number | undefined) ?? 0) + n;
}
