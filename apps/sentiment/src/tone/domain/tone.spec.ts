import { describe, expect, it } from '@jest/globals';
import { splitSentences } from '@media-monitor/nlp';
import { analyzeTone } from './analyze.js';

const sentenceLabel = (body: string, language = 'en') =>
  analyzeTone({ title: 'Report', body, language }).sentences[1]?.tone.label;

describe('analyzeTone', () => {
  it('scores clear polarity in both languages with the trained models', () => {
    expect(sentenceLabel('The volunteers were praised as heroes.')).toBe('positive');
    expect(sentenceLabel('Critics called the governor a liar and a failure.')).toBe('negative');
    expect(sentenceLabel('Губернатора обвинили в коррупции.', 'ru')).toBe('negative');
  });

  it('keeps every tone on the contract scale', () => {
    const { document, sentences } = analyzeTone({
      title: 'Mixed news',
      body: 'The plan was not good. The team was great! Nothing happened on Tuesday.',
      language: 'en',
    });
    for (const tone of [document, ...sentences.map((s) => s.tone)]) {
      expect(tone.score).toBeGreaterThanOrEqual(-1);
      expect(tone.score).toBeLessThanOrEqual(1);
      expect(tone.confidence).toBeGreaterThan(0);
      expect(tone.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('does not saturate on long documents', () => {
    const body = Array.from({ length: 200 }, () => 'The brave volunteers were praised. Two were wounded.').join(' ');
    const tone = analyzeTone({ title: 'Report', body, language: 'en' }).document;
    expect(Math.abs(tone.score)).toBeLessThan(0.5);
  });

  it('returns sentence offsets into title + blank line + body', () => {
    const article = { title: 'Headline here', body: 'First sentence. Second one!', language: 'en' };
    const text = `${article.title}\n\n${article.body}`;
    const sentences = analyzeTone(article).sentences;
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(splitSentences(text).map((s) => s.text));
  });

  it('gives a language without a model neutral tones of zero confidence instead of failing', () => {
    const analysis = analyzeTone({ title: 'Titre', body: 'Une phrase. Une autre.', language: 'fr' });
    expect(analysis.document).toEqual({ score: 0, label: 'neutral', confidence: 0 });
    expect(analysis.sentences).toHaveLength(3);
  });
});
