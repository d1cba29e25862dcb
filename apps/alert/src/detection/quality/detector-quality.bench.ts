/**
 * Precision and recall of the volume detector on synthetic series with injected spikes and drops,
 * next to a Huginn-style mean + 3σ baseline that ignores the weekday. Run after `npx tsc -b`:
 *   node apps/alert/dist/detection/quality/detector-quality.bench.js [seeds=30]
 * Prints a table and writes reports/alert-detector-quality.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DAY_HOURS, articlesIn, firstActiveHour, HOUR_MS } from '../hourly-series.js';
import { SCENARIOS, evaluate, robustDetector, type Detector, type Scenario } from './detector-quality.js';

/** Huginn's peak detector: mean + 3σ of the same window over the past 14 days, no weekday profile. */
const meanSigmaDetector =
  (scenario: Scenario): Detector =>
  (series, end) => {
    const rule = scenario.rule;
    const w = rule.windowHours;
    const first = firstActiveHour(series);
    if (first < 0 || end - w - first < rule.warmupDays * DAY_HOURS) return null;
    const past: number[] = [];
    for (let k = 1; k <= rule.lookbackDays && end - k * DAY_HOURS - w >= first; k += 1) {
      past.push(articlesIn(series, end - k * DAY_HOURS - w, end - k * DAY_HOURS));
    }
    const mean = past.reduce((a, b) => a + b, 0) / past.length;
    const sigma = Math.sqrt(past.reduce((a, b) => a + (b - mean) ** 2, 0) / past.length);
    const observed = articlesIn(series, end - w, end);
    const base = {
      observed,
      expected: mean,
      sigma,
      score: sigma > 0 ? (observed - mean) / sigma : 0,
      threshold: 3,
      weekdayFactor: 1,
      baselineWindows: past.length,
      windowStartMs: series.startMs + (end - w) * HOUR_MS,
      windowEndMs: series.startMs + end * HOUR_MS,
    };
    if (rule.direction !== 'drop' && observed > mean + 3 * sigma && observed >= rule.minArticles) {
      return { kind: 'spike', ...base };
    }
    if (rule.direction !== 'spike' && observed < mean - 3 * sigma) return { kind: 'drop', ...base };
    return null;
  };

const seedCount = Number(process.argv[2] ?? 30);
const seeds = Array.from({ length: seedCount }, (_, i) => 1000 + i);
const rows = SCENARIOS.flatMap((scenario) => [
  ...(['low', 'high'] as const).map((sensitivity) => ({
    scenario: scenario.name,
    detector: `robust weekday-aware (${sensitivity})`,
    ...evaluate(robustDetector({ ...scenario.rule, sensitivity }), scenario, seeds),
  })),
  {
    scenario: scenario.name,
    detector: 'robust weekday-aware (medium)',
    ...evaluate(robustDetector(scenario.rule), scenario, seeds),
  },
  {
    scenario: scenario.name,
    detector: 'mean+3σ, no weekday (Huginn-style)',
    ...evaluate(meanSigmaDetector(scenario), scenario, seeds),
  },
]);
for (const row of rows) {
  console.log(
    `${row.scenario}\n  ${row.detector.padEnd(36)} precision ${row.precision.toFixed(3)}  recall ${row.recall.toFixed(3)}` +
      `  (alerts ${row.alerts}, true ${row.truePositives}, anomalies ${row.anomalies}, detected ${row.detected})`,
  );
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/alert-detector-quality.json', JSON.stringify({ seeds: seedCount, rows }, null, 2));
console.log(`${seedCount} seeds per scenario; written to reports/alert-detector-quality.json`);
