import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { aggregateScores, type BodyScore, scorePage } from './shingle-score.js';

/** One page of a benchmark folder: its file name without extension and its raw bytes. */
export interface BenchmarkPage {
  readonly id: string;
  readonly bytes: Buffer;
}

const PAGE_FILE = /^(.+)\.html?(\.gz)?$/i;

/** The `*.html` and `*.html.gz` files of a folder, sorted by name, gzip undone. */
export async function readBenchmarkPages(dir: string): Promise<BenchmarkPage[]> {
  const names = (await readdir(dir)).filter((n) => PAGE_FILE.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const [, id, gz] = PAGE_FILE.exec(name)!;
      const raw = await readFile(join(dir, name));
      return { id: id!, bytes: gz ? gunzipSync(raw) : raw };
    }),
  );
}

/** Ground truth and predictions: page id → at least an `articleBody`. */
export type BodiesById = Readonly<Record<string, { readonly articleBody?: string }>>;

export interface BenchmarkScore {
  readonly all: BodyScore;
  /** Pages at even and odd positions of the sorted ids: tune on one half, confirm on the other. */
  readonly halves: readonly [BodyScore, BodyScore];
  /** Per page F1, worst first, for finding what to improve. */
  readonly pages: readonly { readonly id: string; readonly f1: number }[];
}

/** Scores predictions against the truth the way the benchmark does; a missing prediction is empty. */
export function scoreBenchmark(truth: BodiesById, predictions: BodiesById): BenchmarkScore {
  const ids = Object.keys(truth).sort();
  const scores = ids.map((id) => scorePage(truth[id]?.articleBody ?? '', predictions[id]?.articleBody ?? ''));
  return {
    all: aggregateScores(scores),
    halves: [
      aggregateScores(scores.filter((_, i) => i % 2 === 0)),
      aggregateScores(scores.filter((_, i) => i % 2 === 1)),
    ],
    pages: ids.map((id, i) => ({ id, f1: aggregateScores([scores[i]!]).f1 })).sort((a, b) => a.f1 - b.f1),
  };
}
