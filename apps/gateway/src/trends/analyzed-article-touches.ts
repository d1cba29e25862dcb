import type { ArticleAnalyzedV1, SeriesTrendResponseV1 } from '@media-monitor/contracts';

/**
 * Whether a newly analysed article may change a trend answer, so a cached copy must go. Only the
 * bucket holding the article's `publishedAt` can change, and in it either the series' own counts
 * (the article names the topic or entity, or comes from the source) or, when the series already
 * has articles there, its normalised volume (every article of a source the series drew on adds to
 * the denominator; the answer does not say which sources those were, so any article counts).
 */
export function analyzedArticleTouches(answer: SeriesTrendResponseV1, event: ArticleAnalyzedV1): boolean {
  const at = Date.parse(event.publishedAt);
  if (!(at >= Date.parse(answer.from) && at < Date.parse(answer.to))) return false;
  if (namesSeries(answer.series, event)) return true;
  const bucket = bucketAt(answer.points, at);
  return bucket === undefined || bucket.articles > 0;
}

function namesSeries(series: SeriesTrendResponseV1['series'], event: ArticleAnalyzedV1): boolean {
  switch (series.kind) {
    case 'topic':
      return event.topicIds.includes(series.id);
    case 'entity':
      return event.entityIds.includes(series.id);
    case 'source':
      return event.source.id === series.id;
    default:
      return true;
  }
}

/** The point whose bucket holds `at` (points are in time order; the last one runs to the answer's end). */
function bucketAt(
  points: SeriesTrendResponseV1['points'],
  at: number,
): SeriesTrendResponseV1['points'][number] | undefined {
  let lo = 0;
  let hi = points.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(points[mid]?.bucketStart ?? '') <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === undefined ? undefined : points[found];
}
