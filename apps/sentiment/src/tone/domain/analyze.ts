import type { Tone } from '@media-monitor/contracts';
import { splitSentences } from '@media-monitor/nlp';
import { documentTone, sentenceTone } from './tone.js';

export interface ToneAnalysis {
  document: Tone;
  sentences: Array<{ index: number; start: number; end: number; tone: Tone }>;
}

/** Document and sentence tone of an article; offsets refer to title + blank line + body. */
export function analyzeTone(article: { title: string; body: string }): ToneAnalysis {
  const text = `${article.title}\n\n${article.body}`;
  const scored = splitSentences(text).map((s) => ({ ...s, ...sentenceTone(s.text) }));
  return {
    document: documentTone(scored),
    sentences: scored.map(({ index, start, end, tone }) => ({ index, start, end, tone })),
  };
}
