import { writeFile } from 'node:fs/promises';
import { ExtractionError, extractArticle, readBenchmarkPages } from '@media-monitor/extraction';

export interface BenchOptions {
  rounds: number;
  out?: string;
}

interface Round {
  /** Seconds of wall-clock time. */
  wall: number;
  /** Seconds of CPU time of this process (user + system, all its threads). */
  cpu: number;
}

/**
 * Pages per second of extractArticle on one core (this process's single JavaScript thread) over a
 * folder of pages, after one warm-up round; file reading and gunzip are outside the timing. CPU time
 * is reported beside wall time because on a shared machine the wall clock also counts other work.
 */
export async function runBenchExtraction(dir: string, options: BenchOptions): Promise<void> {
  const pages = await readBenchmarkPages(dir);
  if (pages.length === 0) throw new Error(`no *.html or *.html.gz pages in ${dir}`);
  const bytes = pages.reduce((sum, p) => sum + p.bytes.byteLength, 0);
  const extractAll = (): void => {
    for (const page of pages) {
      try {
        extractArticle(page.bytes);
      } catch (error) {
        if (!(error instanceof ExtractionError)) throw error;
      }
    }
  };
  extractAll();
  const rounds: Round[] = [];
  for (let i = 0; i < options.rounds; i++) {
    const wallStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    extractAll();
    const cpu = process.cpuUsage(cpuStart);
    rounds.push({ wall: Number(process.hrtime.bigint() - wallStart) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  const rate = (seconds: number): number => Math.round((pages.length / seconds) * 10) / 10;
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const figures = {
    pages: pages.length,
    meanPageKiB: Math.round(bytes / pages.length / 1024),
    rounds: options.rounds,
    pagesPerCpuSecond: rate(median(rounds.map((r) => r.cpu))),
    pagesPerWallSecond: rate(median(rounds.map((r) => r.wall))),
    pagesPerWallSecondBest: rate(Math.min(...rounds.map((r) => r.wall))),
  };
  process.stdout.write(
    `${figures.pages} pages (mean ${figures.meanPageKiB} KiB), median of ${figures.rounds} rounds on one thread: ` +
      `${figures.pagesPerCpuSecond} pages per CPU-second, ${figures.pagesPerWallSecond} pages/s wall ` +
      `(best round ${figures.pagesPerWallSecondBest} pages/s wall)\n`,
  );
  if (options.out) await writeFile(options.out, `${JSON.stringify(figures, null, 2)}\n`);
}
