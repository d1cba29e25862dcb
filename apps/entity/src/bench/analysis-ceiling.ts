/**
 * The entity half of the in-process analysis ceiling of `media-monitor bench e2e`: the service's
 * own analysis code (seed registry gazetteer, NER, topic matching of the seed topics) over the
 * benchmark's articles, with no I/O. Reads a JSON array of articles, writes their analyses (the
 * input of the sentiment half) and prints one JSON line `{ articles, cpuSeconds, perArticleMs }`.
 *   node apps/entity/dist/bench/analysis-ceiling.js <articles.json> <analyses.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyzeEntities, type ArticleText } from '../analysis/domain/analyze.js';
import { Gazetteer } from '../analysis/domain/gazetteer.js';
import { SEED_ENTITIES } from '../analysis/domain/seed-entities.js';
import { SEED_TOPICS } from '../topics/domain/seed-topics.js';
import { aliasResolverFor, compileLive } from '../topics/domain/topic.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: analysis-ceiling.js <articles.json> <analyses.json>');
const articles = JSON.parse(readFileSync(input, 'utf8')) as ArticleText[];
const gazetteer = new Gazetteer(SEED_ENTITIES);
const live = compileLive(
  SEED_TOPICS.map((t) => ({ topicId: t.topicId, version: 1, ...t.definition })),
  aliasResolverFor(SEED_ENTITIES),
);
for (const article of articles.slice(0, 50)) analyzeEntities(article, gazetteer, live);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const started = cpu();
const analyses = articles.map((article) => {
  const { entities } = analyzeEntities(article, gazetteer, live);
  return { title: article.title, body: article.body, language: article.language, entities };
});
const cpuSeconds = cpu() - started;
writeFileSync(output, JSON.stringify(analyses));
process.stdout.write(
  `${JSON.stringify({ articles: articles.length, cpuSeconds, perArticleMs: (cpuSeconds * 1000) / articles.length })}\n`,
);
