import { describe, expect, it } from '@jest/globals';
import { analyzeTone, type TargetTone } from './analyze.js';
import { SentimentError } from './errors.js';
import { bundledModel, deserializeModel, serializeModel } from './model.js';

/** Tones towards the first occurrence of each named target in the text. */
function towards(text: string, language: 'en' | 'ru', ...names: string[]): TargetTone[] {
  const targets = names.map((name) => {
    const start = text.indexOf(name);
    if (start === -1) throw new Error(`no "${name}" in "${text}"`);
    return { start, end: start + name.length };
  });
  return analyzeTone(text, language, targets).targets;
}

const sentenceScore = (text: string, language: 'en' | 'ru' = 'en') =>
  analyzeTone(text, language).sentences[0]?.tone.score ?? Number.NaN;

describe('the bundled models', () => {
  it('load from the package and survive a serialisation round trip', () => {
    for (const language of ['en', 'ru'] as const) {
      const model = bundledModel(language);
      expect(model.language).toBe(language);
      expect(model.target.weights.size).toBeGreaterThan(1000);
      expect(model.sentence.weights.size).toBeGreaterThan(1000);
      const copy = deserializeModel(serializeModel(model));
      const [text, name] =
        language === 'en' ? ['Critics called Smith a failure.', 'Smith'] : ['Иванова обвинили в коррупции.', 'Иванова'];
      const target = [{ start: text.indexOf(name), end: text.indexOf(name) + name.length }];
      expect(analyzeTone(text, language, target, copy)).toEqual(analyzeTone(text, language, target));
    }
  });
});

describe('analyzeTone in English', () => {
  it('flips tone under negation', () => {
    expect(sentenceScore('The plan was good.')).toBeGreaterThan(0.2);
    expect(sentenceScore('The plan was not good.')).toBeLessThan(-0.2);
    const [good] = towards('Smith was good.', 'en', 'Smith');
    const [notGood] = towards('Smith was not good.', 'en', 'Smith');
    expect(good?.label).toBe('positive');
    expect(notGood?.label).toBe('negative');
  });

  it('does not carry a negation past its clause', () => {
    const [smith, jones] = towards('Smith was not good, but Jones was great.', 'en', 'Smith', 'Jones');
    expect(smith?.label).toBe('negative');
    expect(jones?.score).toBeGreaterThan(smith?.score ?? 1);
  });

  it('weighs the clause after "but"', () => {
    const praisedFirst = sentenceScore('The reform was praised, but critics called it a failure.');
    const failureFirst = sentenceScore('Critics called the reform a failure, but it was praised.');
    expect(praisedFirst).toBeLessThan(failureFirst);
  });

  it('tells the quoted opinion from its speaker', () => {
    const [smith, jones] = towards('"Smith is a liar and a failure," Jones said.', 'en', 'Smith', 'Jones');
    expect(smith?.label).toBe('negative');
    expect(jones?.score).toBeGreaterThan(smith?.score ?? 1);
  });

  it('tells the one who criticises from the one criticised, whichever comes first', () => {
    const [smith, jones] = towards('Smith harshly criticized Jones for the failed policy.', 'en', 'Smith', 'Jones');
    expect(jones?.label).toBe('negative');
    expect(smith?.score).toBeGreaterThan(jones?.score ?? 1);
    const [smith2, jones2] = towards('Jones harshly criticized Smith for the failed policy.', 'en', 'Smith', 'Jones');
    expect(smith2?.label).toBe('negative');
    expect(jones2?.score).toBeGreaterThan(smith2?.score ?? 1);
  });

  it('never carries a negation into the next sentence', () => {
    const alone = analyzeTone('The plan was good. Smith was praised.', 'en', []).sentences.map((s) => s.tone);
    const text = 'Critics said it was not. The plan was good. Smith was praised.';
    const start = text.indexOf('Smith');
    const after = analyzeTone(text, 'en', [{ start, end: start + 5 }]);
    expect(after.sentences.slice(1).map((s) => s.tone)).toEqual(alone);
    expect(after.targets[0]?.label).toBe('positive');
  });

  it('gives two targets in one sentence opposite tones', () => {
    const text = 'Jones was praised as a hero, but Brown was accused of corruption and fraud.';
    const [jones, brown] = towards(text, 'en', 'Jones', 'Brown');
    expect(jones?.label).toBe('positive');
    expect(brown?.label).toBe('negative');
    expect(jones?.sentenceIndex).toBe(0);
  });
});

describe('analyzeTone in Russian', () => {
  it('gives two targets in one sentence opposite tones', () => {
    const [ivanov, petrov] = towards(
      'Президент похвалил Иванова, но раскритиковал Петрова.',
      'ru',
      'Иванова',
      'Петрова',
    );
    expect(ivanov?.label).toBe('positive');
    expect(petrov?.label).toBe('negative');
  });

  it('lowers the tone towards a target under negation', () => {
    const [supported] = towards('Иванов поддержал Петрова.', 'ru', 'Петрова');
    const [notSupported] = towards('Иванов не поддержал Петрова.', 'ru', 'Петрова');
    expect(notSupported?.score).toBeLessThan(supported?.score ?? -1);
  });

  it('scores accusation as negative and praise as positive', () => {
    expect(towards('Губернатора обвинили в коррупции.', 'ru', 'Губернатора')[0]?.label).toBe('negative');
    expect(towards('Путин похвалил губернатора за успешную работу.', 'ru', 'губернатора')[0]?.label).toBe('positive');
  });
});

describe('document tone', () => {
  it('does not saturate: a document of one sentence repeated scores as that sentence', () => {
    const sentence = 'The volunteers were praised as heroes.';
    const once = analyzeTone(sentence, 'en').document;
    const many = analyzeTone(Array.from({ length: 500 }, () => sentence).join(' '), 'en').document;
    expect(many.score).toBeCloseTo(once.score, 3);
    expect(many.score).toBeLessThan(1);
  });

  it('averages mixed sentences towards the middle', () => {
    const body = Array.from(
      { length: 200 },
      () => 'The volunteers were praised as heroes. Critics called it a disaster.',
    );
    const mixed = analyzeTone(body.join(' '), 'en').document;
    expect(Math.abs(mixed.score)).toBeLessThan(0.5);
  });

  it('maps every sentence and target back to the text', () => {
    const text = 'Markets were calm. Critics called Smith a failure.';
    const start = text.indexOf('Smith');
    const result = analyzeTone(text, 'en', [{ start, end: start + 5 }]);
    expect(result.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Markets were calm.',
      'Critics called Smith a failure.',
    ]);
    expect(result.targets[0]).toMatchObject({ start, end: start + 5, sentenceIndex: 1, label: 'negative' });
  });
});

describe('bad input', () => {
  it('gives a text without words a neutral tone of zero confidence', () => {
    expect(analyzeTone(' \n ', 'ru')).toEqual({
      document: { score: 0, label: 'neutral', confidence: 0 },
      sentences: [],
      targets: [],
    });
  });

  it('rejects targets outside the text and languages without a model with coded errors', () => {
    expect(() => analyzeTone('Short.', 'en', [{ start: 3, end: 40 }])).toThrow(SentimentError);
    expect(() => analyzeTone('Short.', 'en', [{ start: 4, end: 2 }])).toThrow(/not a span/);
    try {
      analyzeTone('Texte.', 'fr');
    } catch (error) {
      expect((error as SentimentError).code).toBe('sentiment.unsupported-language');
    }
    expect.assertions(3);
  });

  it("keeps one model's lexicon out of another: models are values, not shared tables", () => {
    const text = 'The zorbly plan was presented.';
    const before = analyzeTone(text, 'en');
    const base = bundledModel('en');
    const custom = { ...base, lexicon: new Map([...base.lexicon, ['zorbly', -1]]) };
    analyzeTone(text, 'en', [], custom);
    expect(analyzeTone(text, 'en')).toEqual(before);
    expect(base.lexicon.has('zorbly')).toBe(false);
  });
});
