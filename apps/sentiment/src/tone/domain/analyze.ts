import type { Tone, ToneLabel } from '@media-monitor/contracts';
import { analyzeTone as analyzeText, isSentimentLanguage, splitSentences } from '@media-monitor/nlp';

export interface MentionTone {
  start: number;
  end: number;
  sentenceIndex: number;
  tone: Tone;
}

export interface EntityTone {
  entityId: string;
  tone: Tone;
  mentions: MentionTone[];
}

export interface ToneAnalysis {
  document: Tone;
  sentences: Array<{ index: number; start: number; end: number; tone: Tone }>;
  entities: EntityTone[];
}

/** What the tone of an article needs: its text and the entity mentions of article.entities.v1. */
export interface ArticleForTone {
  title: string;
  body: string;
  language: string;
  entities: ReadonlyArray<{ entityId: string; mentions: ReadonlyArray<{ start: number; end: number }> }>;
}

/** What is published for a language without a model: neutral, with no confidence in it. */
const NO_OPINION: Tone = { score: 0, label: 'neutral', confidence: 0 };

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * One tone for an entity from the tones of its mentions: the confidence-weighted mean score, the
 * label that carries most confidence, and as confidence that label's share of all mentions (so
 * three confident negative mentions outweigh one hesitant positive one).
 */
export function combineMentionTones(tones: readonly Tone[]): Tone {
  let weight = 0;
  let weightedScore = 0;
  const byLabel: Record<ToneLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  for (const tone of tones) {
    weight += tone.confidence;
    weightedScore += tone.confidence * tone.score;
    byLabel[tone.label] += tone.confidence;
  }
  if (tones.length === 0 || weight === 0) return NO_OPINION;
  const label = (['neutral', 'negative', 'positive'] as const).reduce((best, l) =>
    byLabel[l] > byLabel[best] ? l : best,
  );
  return { score: round4(weightedScore / weight), label, confidence: round4(byLabel[label] / tones.length) };
}

/**
 * Document, sentence and entity-targeted tone of an article with the trained models of
 * @media-monitor/nlp; offsets refer to title + blank line + body. Languages without a model get
 * neutral tones of zero confidence rather than an error.
 */
export function analyzeTone(article: ArticleForTone): ToneAnalysis {
  const text = `${article.title}\n\n${article.body}`;
  if (!isSentimentLanguage(article.language)) {
    return {
      document: NO_OPINION,
      sentences: splitSentences(text).map(({ index, start, end }) => ({ index, start, end, tone: NO_OPINION })),
      entities: [],
    };
  }
  const inText = (m: { start: number; end: number }) => m.end > m.start && m.end <= text.length;
  const mentionsByEntity = article.entities.map((entity) => entity.mentions.filter(inText));
  const { document, sentences, targets } = analyzeText(text, article.language, mentionsByEntity.flat());
  let next = 0;
  const entities = article.entities.map((entity, i) => {
    const mentions = (mentionsByEntity[i] ?? []).map(() => {
      const { start, end, sentenceIndex, score, label, confidence } = targets[next++]!;
      return { start, end, sentenceIndex, tone: { score, label, confidence } };
    });
    return { entityId: entity.entityId, tone: combineMentionTones(mentions.map((m) => m.tone)), mentions };
  });
  return { document, sentences, entities };
}
