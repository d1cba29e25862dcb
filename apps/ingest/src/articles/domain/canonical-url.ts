import { createHash } from 'node:crypto';

/** Query parameters that identify a campaign, a visit or a page variant, never the article. */
const TRACKING_PARAMS =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|yclid|ysclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|ref_url|_ga|_gl|cmpid|ns_[a-z]+|at_[a-z]+|from|rss|share|smid|amp|outputtype|output|usqp|__twitter_impression)$/i;
/** Parameters dropped only with a value that names a variant (`output=amp`, `outputType=amp`). */
const VARIANT_VALUES: Record<string, RegExp> = { output: /^amp$/i, outputtype: /^amp$/i, amp: /.*/, usqp: /.*/ };
/** Host prefixes of mobile and AMP copies of a site (`m.lenta.ru`, `amp.example.com`). */
const VARIANT_HOST = /^(?:www|m|mobile|amp|touch|pda)\./;

/** Raised for a URL that cannot identify an article (not http/https, unparsable). */
export class InvalidArticleUrlError extends Error {
  readonly code = 'ingest.invalid_url';
  constructor(url: string, reason: string) {
    super(`"${url}" is not a usable article URL: ${reason}`);
  }
}

function parse(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidArticleUrlError(raw, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArticleUrlError(raw, `scheme ${url.protocol} is not http or https`);
  }
  return url;
}

/** The publisher's URL behind a Google AMP cache URL (`<host>.cdn.ampproject.org/c/s/<host>/<path>`). */
function unwrapAmpCache(url: URL): URL {
  if (!url.hostname.endsWith('.cdn.ampproject.org')) return url;
  const match = /^\/(?:[a-z]\/)+?(s\/)?(.+)$/.exec(url.pathname);
  if (!match) return url;
  try {
    return new URL(`${match[1] ? 'https' : 'http'}://${match[2]}${url.search}`);
  } catch {
    return url;
  }
}

function isTracking(key: string, value: string): boolean {
  const lower = key.toLowerCase();
  if (!TRACKING_PARAMS.test(lower)) return false;
  const variant = VARIANT_VALUES[lower];
  return variant ? variant.test(value) : true;
}

/**
 * The canonical form of an article URL: https and http alike lower-case, no default port, no
 * fragment or credentials, no tracking or variant parameters, remaining parameters sorted, no
 * `www.`/`m.`/`amp.` host prefix, no AMP path (`/amp`, `.amp`, `/amp/` segment), the Google AMP
 * cache unwrapped, Telegram's `t.me/s/<channel>/<n>` as `t.me/<channel>/<n>`, no trailing slash.
 */
export function canonicalizeUrl(raw: string): string {
  const url = unwrapAmpCache(parse(raw));
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '').replace(VARIANT_HOST, '');
  const kept = [...url.searchParams.entries()].filter(([key, value]) => !isTracking(key, value));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = new URLSearchParams(kept).toString();
  let path = url.pathname
    .replace(/\/amp(?=\/|$)/gi, '')
    .replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  if (url.hostname === 't.me') path = path.replace(/^\/s\/(?=[^/]+\/\d+)/, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  url.pathname = path || '/';
  return url.toString();
}

/** The article id: the first 32 hex characters of SHA-256 over the canonical URL. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}
