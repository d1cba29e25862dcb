import { describe, expect, it } from '@jest/globals';
import { SpanScorer } from './scoring.js';

describe('SpanScorer', () => {
  it('counts exact span and type matches only', () => {
    const scorer = new SpanScorer(['PER', 'LOC']);
    scorer.add(
      [
        { type: 'PER', start: 0, end: 2 },
        { type: 'LOC', start: 5, end: 6 },
      ],
      [
        { type: 'PER', start: 0, end: 2 },
        { type: 'PER', start: 5, end: 6 },
        { type: 'LOC', start: 7, end: 9 },
      ],
    );
    const micro = scorer.micro();
    expect([micro.truePositives, micro.falsePositives, micro.falseNegatives]).toEqual([1, 2, 1]);
    expect(micro.precision).toBeCloseTo(1 / 3);
    expect(micro.recall).toBeCloseTo(1 / 2);
    expect(micro.f1).toBeCloseTo(0.4);
  });

  it('ends its report with the micro line', () => {
    const scorer = new SpanScorer(['PER']);
    scorer.add([{ type: 'PER', start: 0, end: 1 }], [{ type: 'PER', start: 0, end: 1 }]);
    const report = scorer.report();
    expect(report[0]).toMatch(/^PER\s+P 1\.0000 R 1\.0000 F1 1\.0000/);
    expect(report.at(-1)).toBe('micro P 1.0000 R 1.0000 F1 1.0000');
  });

  it('scores nothing as zero rather than dividing by zero', () => {
    expect(new SpanScorer(['PER']).micro().f1).toBe(0);
  });
});
