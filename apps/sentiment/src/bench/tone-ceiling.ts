/**
 * The sentiment half of the in-process analysis ceiling of `media-monitor bench e2e`: document,
 * sentence and entity-targeted tone of the entity half's analyses, with no I/O. Prints one JSON
 * line `{ articles, cpuSeconds, perArticleMs }`.
 *   node apps/sentiment/dist/bench/tone-ceiling.js <analyses.json>
 */
import { readFileSync } from 'node:fs';
import { analyzeTone, type ArticleForTone } from '../tone/domain/analyze.js';

const [input] = process.argv.slice(2);
if (!input) throw new Error('usage: tone-ceiling.js <analyses.json>');
const analyses = JSON.parse(readFileSync(input, 'utf8')) as ArticleForTone[];
for (const article of analyses.slice(0, 50)) analyzeTone(article);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const started = cpu();
for (const article of analyses) analyzeTone(article);
const cpuSeconds = cpu() - started;
process.stdout.write(
  `${JSON.stringify({ articles: analyses.length, cpuSeconds, perArticleMs: (cpuSeconds * 1000) / analyses.length })}\n`,
);
