import { createHash } from 'node:crypto';
import { articleIdFor, canonicalizeUrl } from './canonical-url.js';
import { detectLanguage } from './language.js';
import { encodeSignature, nearDuplicateSignature, words } from './near-duplicate.js';

/** What a source hands to ingest. */
export interface ArticleSubmission {
  url: string;
  title: string;
  body: string;
  publishedAt: string;
  source: { id: string; name?: string };
  language?: string;
  /** What the source knew beyond the text (a channel post's views and links, the byline). */
  extras?: ArticleExtras;
}

export interface ArticleExtras {
  author?: string;
  views?: number;
  links?: string[];
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
  /** The source that brought it first; every source that carried it is in the carriers. */
  source: { id: string; name?: string };
  contentHash: string;
  /** MinHash signature (base64) and LSH band keys for near-duplicate search. */
  signature: string;
  bandKeys: string[];
  /** The story (near-duplicate cluster), once placed. */
  storyId?: string;
  extras?: ArticleExtras;
}

function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Bodies shorter than this many words are compared together with their title. */
const SHORT_BODY_WORDS = 40;

/**
 * SHA-256 over the words of the title and body (lower case, NFKC, `ё` as `е`): copies that
 * differ only in whitespace, punctuation, quotes or case are exact duplicates.
 */
export function contentHashOf(title: string, body: string): string {
  return createHash('sha256')
    .update(`${words(title).join(' ')}\n\n${words(body).join(' ')}`)
    .digest('hex');
}

/** Normalises a submission into an article with its deterministic id, content hash and signature. */
export function toArticle(submission: ArticleSubmission, now: Date): Article {
  const canonicalUrl = canonicalizeUrl(submission.url);
  const title = normaliseText(submission.title);
  const body = normaliseText(submission.body);
  const compared = words(body).length < SHORT_BODY_WORDS ? `${title}\n${body}` : body;
  const signature = nearDuplicateSignature(compared);
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
    contentHash: contentHashOf(title, body),
    signature: encodeSignature(signature.values),
    bandKeys: signature.bandKeys,
    ...(submission.extras ? { extras: submission.extras } : {}),
  };
}
