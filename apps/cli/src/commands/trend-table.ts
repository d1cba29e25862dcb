import type { SeriesTrendResponseV1, SourceViewV1, TopTermsResponseV1 } from '@media-monitor/contracts';

/** A terminal table of a trend: one row per non-empty bucket with articles, a bar, stories, publishers and tone. */
export function formatTrend(trend: SeriesTrendResponseV1): string {
  const max = Math.max(1, ...trend.points.map((p) => p.articles));
  const rows = trend.points
    .filter((p, i, all) => p.articles > 0 || i === all.length - 1)
    .map((p) => {
      const hour = p.bucketStart.slice(0, 16).replace('T', ' ');
      const bar = '█'.repeat(Math.round((p.articles / max) * 20)).padEnd(20);
      const tone = p.toneAvg === null ? '   n/a' : p.toneAvg.toFixed(2).padStart(6);
      const counts = `${String(p.articles).padStart(4)} ${String(p.stories).padStart(7)} ${String(p.publishers).padStart(10)}`;
      return `  ${hour}Z  ${counts}  ${bar}  tone ${tone}  (+${p.positive} / 0:${p.neutral} / -${p.negative})`;
    });
  const total = trend.points.reduce((n, p) => n + p.articles, 0);
  return [
    `  ${trend.interval} (UTC)         articles stories publishers                        tone`,
    ...rows,
    `  total: ${total} article(s)`,
  ].join('\n');
}

/** The top entities and sources of a topic, one line each. */
export function formatTopTerms(top: TopTermsResponseV1): string {
  const list = (terms: TopTermsResponseV1['entities']) =>
    terms.length === 0 ? 'none' : terms.map((t) => `${t.id} (${t.articles})`).join(', ');
  return [`  top entities: ${list(top.entities)}`, `  top sources:  ${list(top.sources)}`].join('\n');
}

/** The sources with their health, one line each: demo sources in full, the others summed up by status. */
export function formatSources(sources: readonly SourceViewV1[]): string {
  const line = (s: SourceViewV1) =>
    `  ${s.sourceId.padEnd(24)} ${s.type.padEnd(9)} ${s.health.status.padEnd(9)} ${String(s.health.items24h).padStart(3)} article(s)` +
    (s.health.lastError ? `  ${s.health.lastError.code}` : '');
  const demo = sources.filter((s) => s.sourceId.startsWith('demo-'));
  const others = sources.filter((s) => !s.sourceId.startsWith('demo-'));
  const lines = [`  source                   type      health    in 24 h`, ...demo.map(line)];
  if (others.length > 0) {
    const byStatus = new Map<string, number>();
    for (const s of others) byStatus.set(s.health.status, (byStatus.get(s.health.status) ?? 0) + 1);
    const errors = new Map<string, number>();
    for (const s of others)
      if (s.health.lastError) errors.set(s.health.lastError.code, (errors.get(s.health.lastError.code) ?? 0) + 1);
    lines.push(
      `  ${others.length} real sources (apps/ingest/sources/default-sources.json): ` +
        [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ') +
        (errors.size ? ` (${[...errors].map(([code, n]) => `${code} x${n}`).join(', ')}: no network here)` : ''),
    );
  }
  return lines.join('\n');
}
