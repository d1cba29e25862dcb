import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../extraction.errors.js';
import { extractArticle } from '../extract-article.js';
import { readBenchmarkPages, scoreBenchmark, type BodiesById } from './benchmark-files.js';

const dataDir = process.env['MEDIA_MONITOR_DATA_DIR'] ?? resolve(process.cwd(), '..', 'shared', 'data');
const benchmarkDir = join(dataDir, 'extraction');
const present = existsSync(join(benchmarkDir, 'ground-truth.json'));
if (!present) {
  process.stderr.write(
    `skipping the extraction benchmark test: no ${benchmarkDir} (set MEDIA_MONITOR_DATA_DIR to the shared data folder)\n`,
  );
}

/** Measured 0.982 on the 65 development pages; this floor only guards against regressions. */
const F1_FLOOR = 0.96;

(present ? describe : describe.skip)('body extraction on the development pages of the benchmark', () => {
  it(`keeps article-body F1 above ${F1_FLOOR}`, async () => {
    const truth = JSON.parse(readFileSync(join(benchmarkDir, 'ground-truth.json'), 'utf8')) as BodiesById;
    const predictions: Record<string, { articleBody: string }> = {};
    for (const page of await readBenchmarkPages(join(benchmarkDir, 'html'))) {
      try {
        predictions[page.id] = { articleBody: extractArticle(page.bytes).articleBody };
      } catch (error) {
        if (!(error instanceof ExtractionError)) throw error;
        predictions[page.id] = { articleBody: '' };
      }
    }
    const score = scoreBenchmark(truth, predictions);
    expect(score.all.pages).toBe(Object.keys(truth).length);
    expect(score.all.f1).toBeGreaterThan(F1_FLOOR);
  });
});
