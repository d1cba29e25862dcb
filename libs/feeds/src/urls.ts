/** An absolute http(s) URL for a link found in a document, or undefined. */
export function absoluteUrl(link: string | undefined, base: string | undefined): string | undefined {
  const text = link?.trim();
  if (!text) return undefined;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
