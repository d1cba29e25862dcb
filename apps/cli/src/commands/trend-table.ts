import type { TopicTrendResponseV1 } from '@media-monitor/contracts';

/** A terminal table of a trend: one row per hour with articles, a bar, and tone. */
export function formatTrend(trend: TopicTrendResponseV1): string {
  const max = Math.max(1, ...trend.points.map((p) => p.articles));
  const rows = trend.points
    .filter((p, i, all) => p.articles > 0 || i === all.length - 1)
    .map((p) => {
      const hour = p.bucketStart.slice(0, 16).replace('T', ' ');
      const bar = '█'.repeat(Math.round((p.articles / max) * 20)).padEnd(20);
      const tone = p.toneAvg === null ? '   n/a' : p.toneAvg.toFixed(2).padStart(6);
      return `  ${hour}Z  ${String(p.articles).padStart(4)}  ${bar}  tone ${tone}  (+${p.positive} / 0:${p.neutral} / -${p.negative})`;
    });
  const total = trend.points.reduce((n, p) => n + p.articles, 0);
  return [`  hour (UTC)         articles                    tone`, ...rows, `  total: ${total} article(s)`].join('\n');
}
