import { createHash } from 'node:crypto';
import { articleIdFor, canonicalizeUrl } from './canonical-url.js';
import { detectLanguage } from './language.js';

/** What a source hands to ingest. */
export interface ArticleSubmission {
  url: string;
  title: string;
  body: string;
  publishedAt: string;
  source: { id: string; name?: string };
  language?: string;
}

/** An accepted article, normalised and identified. */
export interface Article {
  articleId: string;
  url: string;
  canonicalUrl: string;
  title: string;
  body: string;
  publishedAt: string;
  ingestedAt: string;
  language: string;
  source: { id: string; name?: string };
  contentHash: string;
}

function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Normalises a submission into an article with its deterministic id and content hash. */
export function toArticle(submission: ArticleSubmission, now: Date): Article {
  const canonicalUrl = canonicalizeUrl(submission.url);
  const title = normaliseText(submission.title);
  const body = normaliseText(submission.body);
  return {
    articleId: articleIdFor(canonicalUrl),
    url: submission.url.trim(),
    canonicalUrl,
    title,
    body,
    publishedAt: new Date(submission.publishedAt).toISOString(),
    ingestedAt: now.toISOString(),
    language: submission.language ?? detectLanguage(`${title}\n${body}`),
    source: submission.source,
    contentHash: createHash('sha256').update(`${title}\n\n${body}`).digest('hex'),
  };
}
