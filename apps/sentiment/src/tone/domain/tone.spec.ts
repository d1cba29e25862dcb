import { describe, expect, it } from '@jest/globals';
import { analyzeTone } from './analyze.js';
import { splitSentences } from '@media-monitor/nlp';
import { sentenceTone } from './tone.js';

describe('sentenceTone', () => {
  it('scores clear polarity in both languages', () => {
    expect(sentenceTone('The volunteers were praised as heroes.').tone.label).toBe('positive');
    expect(sentenceTone('Two soldiers were killed in the shelling.').tone.label).toBe('negative');
    expect(sentenceTone('Бойцы погибли при обстреле.').tone.label).toBe('negative');
  });

  it('flips under negation and resets it at the next clause', () => {
    expect(sentenceTone('The plan was not successful.').tone.label).toBe('negative');
    const reset = sentenceTone('It was not a failure, and it was a success.');
    expect(reset.tone.label).toBe('positive');
  });

  it('gives the clause after "but" more weight', () => {
    expect(sentenceTone('The battalion was praised, but it failed in the field.').tone.label).toBe('negative');
  });

  it('stays neutral without polar words', () => {
    expect(sentenceTone('The meeting took place on Tuesday.').tone).toEqual({
      score: 0,
      label: 'neutral',
      confidence: 0.5,
    });
  });
});

describe('analyzeTone', () => {
  it('does not saturate on long documents', () => {
    const body = Array.from({ length: 200 }, () => 'The brave volunteers were praised. Two were wounded.').join(' ');
    const tone = analyzeTone({ title: 'Report', body }).document;
    expect(Math.abs(tone.score)).toBeLessThan(0.5);
  });

  it('returns sentence offsets into title + blank line + body', () => {
    const article = { title: 'Headline here', body: 'First sentence. Second one!' };
    const text = `${article.title}\n\n${article.body}`;
    for (const s of analyzeTone(article).sentences) expect(text.slice(s.start, s.end).length).toBeGreaterThan(0);
    expect(splitSentences(text).map((s) => s.text)).toEqual(['Headline here', 'First sentence.', 'Second one!']);
  });
});
