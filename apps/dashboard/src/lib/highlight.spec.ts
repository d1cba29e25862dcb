import { describe, expect, it } from '@jest/globals';
import { placeMark, segmentText, type TextMark } from './highlight.js';

const topic = (start: number, end: number, expected?: string): TextMark => ({
  start,
  end,
  kind: 'topic',
  label: 'term',
  ...(expected === undefined ? {} : { expected }),
});

const plain = (segments: ReturnType<typeof segmentText>) =>
  segments.map((s) => [s.text, s.marks.map((m) => m.kind).join('+')]);

describe('segmentText', () => {
  it('keeps text without marks as one plain segment', () => {
    expect(plain(segmentText('Hello', []))).toEqual([['Hello', '']]);
    expect(segmentText('', [])).toEqual([]);
  });

  it('splits at the offsets of each mark, covering the text exactly once', () => {
    const text = 'Бойцы «БАРС-Курск» ранены';
    const start = text.indexOf('БАРС-Курск');
    const segments = segmentText(text, [topic(start, start + 'БАРС-Курск'.length, 'БАРС-Курск')]);
    expect(plain(segments)).toEqual([
      ['Бойцы «', ''],
      ['БАРС-Курск', 'topic'],
      ['» ранены', ''],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('gives overlapping marks their own segments with both marks', () => {
    const entity: TextMark = { start: 4, end: 9, kind: 'entity', label: 'x', tone: 'negative' };
    expect(plain(segmentText('abc BARS-Kursk', [topic(4, 14), entity]))).toEqual([
      ['abc ', ''],
      ['BARS-', 'topic+entity'],
      ['Kursk', 'topic'],
    ]);
  });

  it('drops marks outside the text or with reversed offsets, and never loses text', () => {
    const text = 'short';
    const segments = segmentText(text, [topic(3, 99), topic(4, 2), topic(-1, 2), topic(1.5, 3)]);
    expect(plain(segments)).toEqual([['short', '']]);
  });

  it('does not split a character outside the basic plane', () => {
    const text = 'a😀b';
    const segments = segmentText(text, [topic(0, 2)]);
    expect(segments.map((s) => s.text)).toEqual(['a😀', 'b']);
  });

  it('keeps markup in the text as characters of a segment (rendered as text, never parsed)', () => {
    const text = '<img src=x onerror="window.__xss=1"> BARS';
    const at = text.indexOf('BARS');
    const segments = segmentText(text, [topic(at, at + 4, 'BARS')]);
    expect(segments[0]?.text).toBe('<img src=x onerror="window.__xss=1"> ');
    expect(segments[1]).toMatchObject({ text: 'BARS', marks: [{ kind: 'topic' }] });
  });
});

describe('placeMark', () => {
  it('moves a mark whose offsets went stale to the nearest occurrence of its text', () => {
    const text = 'BARS here, and BARS there';
    expect(placeMark(text, topic(14, 18, 'BARS'))).toMatchObject({ start: 15, end: 19 });
    expect(placeMark(text, topic(0, 4, 'BARS'))).toMatchObject({ start: 0, end: 4 });
    expect(placeMark(text, topic(0, 4, 'Kursk'))).toBeUndefined();
  });
});
