import type { Tone } from '@media-monitor/contracts';
import { analyzeTone as analyzeText, isSentimentLanguage, splitSentences } from '@media-monitor/nlp';

export interface ToneAnalysis {
  document: Tone;
  sentences: Array<{ index: number; start: number; end: number; tone: Tone }>;
}

/** What is published for a language without a model: neutral, with no confidence in it. */
const NO_OPINION: Tone = { score: 0, label: 'neutral', confidence: 0 };

/**
 * Document and sentence tone of an article with the trained models of @media-monitor/nlp;
 * offsets refer to title + blank line + body. Languages without a model get sentences
 * with a neutral tone of zero confidence rather than an error.
 */
export function analyzeTone(article: { title: string; body: string; language: string }): ToneAnalysis {
  const text = `${article.title}\n\n${article.body}`;
  if (!isSentimentLanguage(article.language)) {
    return {
      document: NO_OPINION,
      sentences: splitSentences(text).map(({ index, start, end }) => ({ index, start, end, tone: NO_OPINION })),
    };
  }
  const { document, sentences } = analyzeText(text, article.language);
  return { document, sentences };
}
