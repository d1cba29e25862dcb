/** Separators between a headline and the site's name in `<title>` and og:title. */
const SITE_SEPARATOR = /\s+(?:[|\-–—·•~»]|::)\s+|\s*\|\s*/g;

/** Drops a trailing (or leading) site name: "Headline | Site", "Site - Headline". */
export function stripSiteName(title: string, siteName?: string): string {
  const separators = [...title.matchAll(SITE_SEPARATOR)];
  if (separators.length === 0) return title;
  const lastSep = separators[separators.length - 1]!;
  const firstSep = separators[0]!;
  const head = title.slice(0, lastSep.index).trim();
  const last = title.slice(lastSep.index + lastSep[0].length).trim();
  const first = title.slice(0, firstSep.index).trim();
  const tail = title.slice(firstSep.index + firstSep[0].length).trim();
  const site = siteName?.trim().toLowerCase();
  if (site && last.toLowerCase() === site) return head;
  if (site && first.toLowerCase() === site) return tail;
  // Without a known site name, a short last part after a longer headline is taken for the site.
  if (wordCount(last) <= 4 && wordCount(head) >= 3 && head.length > last.length) return head;
  return title;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
