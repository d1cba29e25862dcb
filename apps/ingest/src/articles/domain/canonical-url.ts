import { createHash } from 'node:crypto';

/** Query parameters that identify a campaign or a visit, never the article. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|ref_src|_ga|cmpid|ns_[a-z]+|at_[a-z]+)$/i;

/** Raised for a URL that cannot identify an article (not http/https, unparsable). */
export class InvalidArticleUrlError extends Error {
  readonly code = 'ingest.invalid_url';
  constructor(url: string, reason: string) {
    super(`"${url}" is not a usable article URL: ${reason}`);
  }
}

/**
 * The canonical form of an article URL: lower-case scheme and host, no default port, no
 * fragment, no tracking parameters, remaining parameters sorted, no trailing slash on paths.
 */
export function canonicalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidArticleUrlError(raw, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArticleUrlError(raw, `scheme ${url.protocol} is not http or https`);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** The article id: the first 32 hex characters of SHA-256 over the canonical URL. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}
