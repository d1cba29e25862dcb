import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@media-monitor/local-infra';

export interface DemoArticle {
  url: string;
  title: string;
  body: string;
  publishedAt: string;
  source: { id: string; name?: string };
  language?: string;
}

interface DemoFile {
  articles: Array<Omit<DemoArticle, 'publishedAt'> & { hoursAgo: number }>;
}

const HOUR_MS = 3_600_000;

/** The demo articles bundled with the project, dated relative to now. */
export function bundledDemoArticles(now: Date): DemoArticle[] {
  const file = join(repositoryRoot(), 'apps', 'cli', 'demo', 'articles.json');
  const demo = JSON.parse(readFileSync(file, 'utf8')) as DemoFile;
  return demo.articles.map(({ hoursAgo, ...article }) => ({
    ...article,
    publishedAt: new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString(),
  }));
}

/** The product's defining sample articles from ../shared/data/samples, when that folder exists. */
export function sharedSampleArticles(
  now: Date,
  dataDir = join(repositoryRoot(), '..', 'shared', 'data'),
): DemoArticle[] {
  const samples: Array<[string, string]> = [
    ['bars-kaliningrad.en.txt', 'en'],
    ['bars-kaliningrad.ru.txt', 'ru'],
  ];
  return samples
    .map(([file, language]) => [join(dataDir, 'samples', file), language] as const)
    .filter(([path]) => existsSync(path))
    .map(([path, language]) => {
      const [title = '', ...rest] = readFileSync(path, 'utf8').trim().split('\n');
      return {
        url: `https://samples.media-monitor.local/${language}/bars-kaliningrad`,
        title: title.length > 300 ? `${title.slice(0, 297)}...` : title,
        body: rest.join('\n'),
        publishedAt: new Date(now.getTime() - 30 * 60_000).toISOString(),
        source: { id: 'shared-samples', name: 'Shared samples' },
        language,
      };
    });
}
