import { writeFileSync } from 'node:fs';
import { analyzeTone, bundledModel, isSentimentLanguage } from '@media-monitor/nlp';
import { bundledDemoArticles, sharedSampleArticles, type DemoArticle } from './demo-articles.js';
import { sharedDataDir } from './sentiment-data.js';

export interface BenchSentimentOptions {
  /** Seconds to run each language for. */
  seconds: number;
  out?: string;
}

interface BenchFigure {
  language: string;
  articles: number;
  wordsPerArticle: number;
  /** Per second of wall-clock time. */
  articlesPerSecond: number;
  wordsPerSecond: number;
  /** Per second of this process's CPU time: the per-core rate when other processes share the machine. */
  articlesPerCpuSecond: number;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function benchLanguage(language: 'en' | 'ru', articles: readonly DemoArticle[], seconds: number): BenchFigure {
  const texts = articles.map((a) => `${a.title}\n\n${a.body}`);
  const wordsPerPass = texts.reduce((n, t) => n + words(t), 0);
  bundledModel(language);
  for (const text of texts) analyzeTone(text, language);
  let done = 0;
  let wordCount = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < seconds * 1000) {
    for (const text of texts) analyzeTone(text, language);
    wordCount += wordsPerPass;
    done += texts.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    language,
    articles: texts.length,
    wordsPerArticle: Math.round(wordsPerPass / texts.length),
    articlesPerSecond: Math.round(done / elapsed),
    wordsPerSecond: Math.round(wordCount / elapsed),
    articlesPerCpuSecond: Math.round(done / cpuSeconds),
  };
}

/**
 * Document and sentence tone throughput on one core (the loop is single-threaded):
 * the shared sample articles when ../shared/data is there, else the bundled demo articles.
 */
export function runBenchSentiment(options: BenchSentimentOptions): void {
  const now = new Date();
  const samples = sharedSampleArticles(now, sharedDataDir());
  const articles = samples.length > 0 ? samples : bundledDemoArticles(now);
  console.log(`articles: ${samples.length > 0 ? 'shared samples' : 'bundled demo articles'}`);
  const figures: BenchFigure[] = [];
  for (const language of ['en', 'ru'] as const) {
    const chosen = articles.filter((a) => (a.language ?? 'en') === language && isSentimentLanguage(language));
    if (chosen.length === 0) continue;
    const figure = benchLanguage(language, chosen, options.seconds);
    figures.push(figure);
    console.log(
      `${language}: ${figure.articlesPerSecond} articles/s per core, ${figure.articlesPerCpuSecond} per CPU second ` +
        `(${figure.wordsPerArticle} words per article, ${figure.wordsPerSecond} words/s)`,
    );
  }
  if (options.out)
    writeFileSync(options.out, `${JSON.stringify({ measuredAt: now.toISOString(), figures }, null, 2)}\n`);
}
