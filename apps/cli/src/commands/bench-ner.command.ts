import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadNerModel,
  parseConll,
  readFactRuDirectory,
  recognizeWith,
  tokenizeForNer,
  type NerLanguage,
} from '@media-monitor/nlp';
import { sharedDataDir } from './ner-data.js';

export interface BenchNerOptions {
  lang: NerLanguage;
  tokens: number;
  seconds: number;
  out?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Development-set text, as one long string the benchmark cuts into articles. */
function developmentText(language: NerLanguage): string {
  const dir = sharedDataDir();
  if (language === 'en') {
    const docs = parseConll(readFileSync(join(dir, 'ner-en', 'conllpp_dev.txt'), 'utf8'));
    return docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')).join('\n')).join('\n');
  }
  return readFactRuDirectory(join(dir, 'ner-ru', 'devset'))
    .map((d) => d.text)
    .join('\n');
}

/** Cuts text into articles of `size` NER tokens each (the raw text between token offsets). */
function articlesOf(text: string, size: number): string[] {
  const tokens = tokenizeForNer(text);
  const articles: string[] = [];
  for (let i = 0; i + size <= tokens.length; i += size) {
    articles.push(text.slice(tokens[i]?.start ?? 0, tokens[i + size - 1]?.end ?? 0));
  }
  return articles;
}

/**
 * Single-threaded throughput of the full text pipeline (tokenise, split, tag, map offsets)
 * on development-set articles of a fixed token count; prints articles and tokens per second.
 */
export function runBenchNer(options: BenchNerOptions): void {
  const articles = articlesOf(developmentText(options.lang), options.tokens);
  if (articles.length === 0) throw new Error('not enough development text for one article');
  const model = loadNerModel(options.lang);
  for (const article of articles.slice(0, 20)) recognizeWith(model, article);
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  let done = 0;
  let mentions = 0;
  while (performance.now() < deadline) {
    mentions += recognizeWith(model, articles[done % articles.length] ?? '').length;
    done++;
  }
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    language: options.lang,
    tokensPerArticle: options.tokens,
    distinctArticles: articles.length,
    articles: done,
    seconds: Number(seconds.toFixed(2)),
    articlesPerSecond: Math.round(done / seconds),
    tokensPerSecond: Math.round((done * options.tokens) / seconds),
    mentionsPerArticle: Number((mentions / done).toFixed(1)),
    node: process.version,
  };
  say(
    `ner ${figures.language}: ${figures.articlesPerSecond} articles/s (${figures.tokensPerSecond} tokens/s) on one core, ` +
      `${figures.articles} articles of ${figures.tokensPerArticle} tokens in ${figures.seconds} s, ${figures.mentionsPerArticle} mentions per article`,
  );
  if (options.out) writeFileSync(options.out, `${JSON.stringify(figures, null, 2)}\n`);
}
