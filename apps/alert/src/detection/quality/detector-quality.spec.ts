import { describe, expect, it } from '@jest/globals';
import { SCENARIOS, evaluate, robustDetector } from './detector-quality.js';

const seeds = Array.from({ length: 8 }, (_, i) => 1000 + i);

describe('volume detector on synthetic series with injected anomalies (8 seeds each)', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: precision and recall above a floor', (_name, scenario) => {
    const figures = evaluate(robustDetector(scenario.rule), scenario, seeds);
    console.log(`${scenario.name}: ${JSON.stringify(figures)}`);
    expect(figures.anomalies).toBeGreaterThan(0);
    expect(figures.precision).toBeGreaterThanOrEqual(0.85);
    expect(figures.recall).toBeGreaterThanOrEqual(0.6);
  });
});
