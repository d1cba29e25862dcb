import { Link, useSearchParams } from 'wouter';
import { useApp } from '../app/app-context.js';
import type { ArticleDetail } from '../api/contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { LocalTime, Panel, RankedList, ToneBadge } from '../components/bits.js';
import { evidenceMarks, evidenceView } from '../lib/article-evidence.js';
import { ErrorNotice, QueryView } from '../components/status.js';
import { segment } from '../lib/safe-url.js';
import { DEFAULT_RANGE, rangePreset, rangeQuery } from '../lib/trend-range.js';
import { RangeSelect, TrendCharts } from './trend-charts.js';

function SampleArticle({ article, entityId }: { article: ArticleDetail; entityId: string }) {
  // Only this entity's mentions are marked, with the tone towards it in each.
  const view = evidenceView(
    article,
    evidenceMarks({ topics: [], entities: article.entities.filter((e) => e.entityId === entityId) }),
  );
  const entity = article.entities.find((e) => e.entityId === entityId);
  return (
    <li className="article-row" data-testid="entity-sample">
      <Link href={`/articles/${article.articleId}`} className="article-title">
        <HighlightedText segments={view.title} />
      </Link>
      <div className="muted small">
        {article.source.name ?? article.source.id} · <LocalTime at={article.publishedAt} /> · {article.language} · tone
        towards it <ToneBadge tone={entity?.tone ?? article.tone} />
      </div>
      <p className="snippet">
        <HighlightedText segments={view.body} />
      </p>
    </li>
  );
}

/** One canonical entity: its names, its coverage and tone over time, who it appears with, where. */
export function EntityView({ entityId }: { entityId: string }) {
  const { timeZone } = useApp();
  const [params, setParams] = useSearchParams();
  const preset = rangePreset(params.get('range') ?? DEFAULT_RANGE);
  const summary = useApiQuery(`entity:${entityId}`, (api, signal) => api.entity(entityId, { samples: 10 }, signal));
  const trend = useApiQuery(`entity-trend:${entityId}:${preset.id}:${timeZone}`, (api, signal) =>
    api.entityTrend(entityId, rangeQuery(preset, timeZone), signal),
  );
  const co = useApiQuery(`co:${entityId}`, (api, signal) => api.entityCoMentions(entityId, 10, signal));
  const e = summary.data?.entity;
  const tone = summary.data?.tone;
  const [type] = entityId.split(':');
  return (
    <div className="page">
      <div className="topic-header">
        <h1 data-testid="entity-name">{e?.name ?? entityId}</h1>
        <div className="muted">
          <code>{entityId}</code> · {e?.type ?? type?.toUpperCase()}
          {tone ? (
            <span data-testid="entity-tone">
              {' '}
              · {tone.articles} articles in the last 30 days, tone towards it{' '}
              {tone.average === null ? 'unknown' : tone.average.toFixed(2)} ({tone.positive} positive, {tone.neutral}{' '}
              neutral, {tone.negative} negative)
            </span>
          ) : null}
        </div>
        {e?.aliases.length ? (
          <p className="aliases" data-testid="aliases">
            Also written:{' '}
            {e.aliases.map((alias) => (
              <span key={alias} className="badge">
                {alias}
              </span>
            ))}
          </p>
        ) : null}
        {summary.data?.registry === 'unknown' ? (
          <p className="muted small" data-testid="registry-state">
            Not in the entity registry: a name the analysis found in the articles.
          </p>
        ) : summary.data?.registry === 'unavailable' ? (
          <p className="muted small" data-testid="registry-state">
            The entity registry did not answer; names and aliases are missing.
          </p>
        ) : null}
        {summary.error ? <ErrorNotice error={summary.error} what="the entity" /> : null}
      </div>
      <div className="toolbar">
        <RangeSelect value={preset.id} onChange={(id) => setParams({ range: id })} />
        <Link href={`/articles?entity=${encodeURIComponent(entityId)}`}>Articles</Link>
        <Link href={`/alert-rules/new?entity=${encodeURIComponent(entityId)}`}>New alert rule</Link>
      </div>
      <div className="grid">
        <Panel title="Coverage and tone towards the entity" testId="entity-trend">
          <QueryView query={trend} what="the entity's trend">
            {(data) => <TrendCharts trend={data} />}
          </QueryView>
        </Panel>
        <div className="side">
          <Panel title="Mentioned together with" testId="co-mentions">
            <QueryView query={co} what="co-mentions">
              {(data) => (
                <RankedList
                  items={data.entities}
                  empty="No co-mentions in the last 7 days."
                  render={(id) => <Link href={`/entities/${segment(id)}`}>{id}</Link>}
                />
              )}
            </QueryView>
          </Panel>
          <Panel title="Sources" testId="entity-sources">
            <QueryView query={co} what="sources">
              {(data) => <RankedList items={data.sources} empty="No sources in the last 7 days." render={(id) => id} />}
            </QueryView>
          </Panel>
        </div>
      </div>
      <Panel title="Newest articles that mention it" testId="entity-articles">
        <QueryView query={summary} what="Sample articles">
          {(data) =>
            data.samples.length ? (
              <ul className="articles">
                {data.samples.map((a) => (
                  <SampleArticle key={a.articleId} article={a} entityId={entityId} />
                ))}
              </ul>
            ) : (
              <p className="muted">No articles in the last 30 days.</p>
            )
          }
        </QueryView>
      </Panel>
    </div>
  );
}
