import { describe, expect, it } from '@jest/globals';
import { splitSentences } from '@media-monitor/nlp';
import { analyzeTone, combineMentionTones } from './analyze.js';

const sentenceLabel = (body: string, language = 'en') =>
  analyzeTone({ title: 'Report', body, language, entities: [] }).sentences[1]?.tone.label;

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
      entities: [],
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
    const tone = analyzeTone({ title: 'Report', body, language: 'en', entities: [] }).document;
    expect(Math.abs(tone.score)).toBeLessThan(0.5);
  });

  it('returns sentence offsets into title + blank line + body', () => {
    const article = { title: 'Headline here', body: 'First sentence. Second one!', language: 'en', entities: [] };
    const text = `${article.title}\n\n${article.body}`;
    const sentences = analyzeTone(article).sentences;
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(splitSentences(text).map((s) => s.text));
  });

  it('gives a language without a model neutral tones of zero confidence instead of failing', () => {
    const analysis = analyzeTone({ title: 'Titre', body: 'Une phrase. Une autre.', language: 'fr', entities: [] });
    expect(analysis.document).toEqual({ score: 0, label: 'neutral', confidence: 0 });
    expect(analysis.sentences).toHaveLength(3);
  });

  it('scores the tone towards each entity per mention, with the sentence as evidence', () => {
    const title = 'Report';
    const body = 'Critics called Ivanov a liar and a failure. Petrova was praised as a hero by the volunteers.';
    const text = `${title}\n\n${body}`;
    const span = (name: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length });
    const { entities, sentences } = analyzeTone({
      title,
      body,
      language: 'en',
      entities: [
        { entityId: 'per:ivanov', mentions: [span('Ivanov')] },
        { entityId: 'per:petrova', mentions: [span('Petrova')] },
      ],
    });
    const ivanov = entities.find((e) => e.entityId === 'per:ivanov');
    const petrova = entities.find((e) => e.entityId === 'per:petrova');
    expect(ivanov?.tone.label).toBe('negative');
    expect(petrova?.tone.label).toBe('positive');
    const evidence = sentences[ivanov?.mentions[0]?.sentenceIndex ?? -1];
    expect(evidence && text.slice(evidence.start, evidence.end)).toContain('liar');
  });

  it('skips mentions outside the text instead of failing the article', () => {
    const { entities } = analyzeTone({
      title: 'Report',
      body: 'Nothing here.',
      language: 'en',
      entities: [{ entityId: 'per:x', mentions: [{ start: 5, end: 500 }] }],
    });
    expect(entities).toEqual([
      { entityId: 'per:x', tone: { score: 0, label: 'neutral', confidence: 0 }, mentions: [] },
    ]);
  });
});

describe('combineMentionTones', () => {
  it('weighs mentions by confidence and keeps the label that carries most of it', () => {
    const tone = combineMentionTones([
      { score: -0.8, label: 'negative', confidence: 0.9 },
      { score: -0.6, label: 'negative', confidence: 0.8 },
      { score: 0.3, label: 'positive', confidence: 0.4 },
    ]);
    expect(tone.label).toBe('negative');
    expect(tone.score).toBeCloseTo((-0.8 * 0.9 - 0.6 * 0.8 + 0.3 * 0.4) / 2.1, 4);
    expect(tone.confidence).toBeCloseTo(1.7 / 3, 4);
  });

  it('has no opinion without mentions', () => {
    expect(combineMentionTones([])).toEqual({ score: 0, label: 'neutral', confidence: 0 });
  });
});
