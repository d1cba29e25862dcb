import { describe, expect, it } from '@jest/globals';
import { aggregateScores, scorePage, wordTokens } from './shingle-score.js';

describe('benchmark scoring', () => {
  it('tokenises like Unicode \\w+ (letters, digits, underscore; punctuation splits)', () => {
    expect(wordTokens('Калининград, BARS-Kaliningrad: 2026 snake_case!')).toEqual([
      'Калининград',
      'BARS',
      'Kaliningrad',
      '2026',
      'snake_case',
    ]);
  });

  it('scores an exact extraction as 1 and a disjoint one as 0', () => {
    const truth = 'one two three four five six';
    expect(aggregateScores([scorePage(truth, truth)]).f1).toBe(1);
    expect(aggregateScores([scorePage(truth, 'seven eight nine ten eleven')]).f1).toBe(0);
  });

  it('normalises counts per page: 3 shared shingles, 2 extra, 2 missed', () => {
    // truth a..h has 5 shingles; the prediction drops "g h" and adds "x y": 3 shared, 2 extra, 2 missed.
    const page = scorePage('a b c d e f g h', 'x y a b c d e f');
    expect(page).not.toBeNull();
    const { tp, fp, fn } = page!;
    expect([tp * 7, fp * 7, fn * 7].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([3, 2, 2]);
  });

  it('averages precision over pages with output and recall over pages with truth', () => {
    const score = aggregateScores([scorePage('a b c d', 'a b c d'), scorePage('e f g h', ''), scorePage('', '')]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(2 / 3, 10);
  });
});
