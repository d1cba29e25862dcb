/**
 * The URL if it is an absolute http(s) URL, else null: article URLs come from the sources and are
 * untrusted, and a `javascript:` or `data:` link would run in the page when clicked.
 */
export function safeHttpUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 4000) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A path with its query string, leaving out empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | null | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** One path segment, escaped (ids such as `unit:bars-kursk` keep their colon readable). */
export function segment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}
