import { readFile } from 'node:fs/promises';
import { type BodiesById, type BodyScore, scoreBenchmark } from '@media-monitor/extraction';

const format = (s: BodyScore): string =>
  `P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} (${s.pages} pages)`;

/** Scores an `extract --benchmark` output against ground truth; the last line is the overall figure. */
export async function runEvalExtraction(outputFile: string, options: { truth: string; worst: number }): Promise<void> {
  const truth = JSON.parse(await readFile(options.truth, 'utf8')) as BodiesById;
  const predictions = JSON.parse(await readFile(outputFile, 'utf8')) as BodiesById;
  const missing = Object.keys(truth).filter((id) => !(id in predictions));
  if (missing.length > 0) process.stderr.write(`${missing.length} pages have no prediction and score as empty\n`);
  const score = scoreBenchmark(truth, predictions);
  for (const page of score.pages.slice(0, options.worst))
    process.stdout.write(`worst ${page.f1.toFixed(3)} ${page.id}\n`);
  process.stdout.write(`half A (even positions) ${format(score.halves[0])}\n`);
  process.stdout.write(`half B (odd positions)  ${format(score.halves[1])}\n`);
  process.stdout.write(`${format(score.all)}\n`);
}
