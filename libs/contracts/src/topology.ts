import type { ConsumerDefinition, StreamDefinition } from './contract.js';
import { CONSUMERS, STREAMS, SUBJECTS } from './names.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Every stream the system owns. Publishers retry with the same msgID inside duplicateWindowMs. */
export const STREAM_DEFINITIONS: Record<keyof typeof STREAMS, StreamDefinition> = {
  articles: {
    name: STREAMS.articles,
    subjects: ['article.ingested.*'],
    duplicateWindowMs: 10 * MINUTE_MS,
    maxAgeMs: 30 * DAY_MS,
    description: 'Articles accepted by ingest',
  },
  analysis: {
    name: STREAMS.analysis,
    subjects: ['article.entities.*', 'article.sentiment.*', 'article.analyzed.*'],
    duplicateWindowMs: 10 * MINUTE_MS,
    maxAgeMs: 30 * DAY_MS,
    description: 'Per-article analyses and the joined result',
  },
  alerts: {
    name: STREAMS.alerts,
    subjects: ['alert.raised.*'],
    duplicateWindowMs: 10 * MINUTE_MS,
    maxAgeMs: 90 * DAY_MS,
    description: 'Alerts raised by rules',
  },
  deadLetters: {
    name: STREAMS.deadLetters,
    subjects: [`${SUBJECTS.deadLetterPrefix}.>`],
    duplicateWindowMs: 10 * MINUTE_MS,
    maxAgeMs: 0,
    description: 'Messages a consumer could not process, with the reason in headers',
  },
};

const consumer = (
  durable: string,
  stream: string,
  filterSubjects: string[],
  description: string,
): ConsumerDefinition => ({
  durable,
  stream,
  filterSubjects,
  maxDeliver: 6,
  ackWaitMs: 30_000,
  maxAckPending: 2_000,
  description,
});

/** Every durable consumer; replicas of a service share one. */
export const CONSUMER_DEFINITIONS: Record<keyof typeof CONSUMERS, ConsumerDefinition> = {
  entityArticles: consumer(
    CONSUMERS.entityArticles,
    STREAMS.articles,
    [SUBJECTS.articleIngestedV1],
    'entity: NER and topic matching',
  ),
  sentimentEntities: consumer(
    CONSUMERS.sentimentEntities,
    STREAMS.analysis,
    [SUBJECTS.articleEntitiesV1],
    'sentiment: document, sentence and entity-targeted tone',
  ),
  trendsAnalysis: consumer(
    CONSUMERS.trendsAnalysis,
    STREAMS.analysis,
    [SUBJECTS.articleEntitiesV1, SUBJECTS.articleSentimentV1],
    'trends: joins analyses and fills buckets',
  ),
  alertAnalyzed: consumer(
    CONSUMERS.alertAnalyzed,
    STREAMS.analysis,
    [SUBJECTS.articleAnalyzedV1],
    'alert: rules on analysed articles',
  ),
};
