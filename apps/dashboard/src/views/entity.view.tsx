import { Link, useSearchParams } from 'wouter';
import { useApp } from '../app/app-context.js';
import { ApiError } from '../api/api-error.js';
import { useApiQuery } from '../api/use-api.js';
import { ArticleRow } from '../components/article-row.js';
import { Panel, RankedList } from '../components/bits.js';
import { ErrorNotice, QueryView } from '../components/status.js';
import { segment } from '../lib/safe-url.js';
import { DEFAULT_RANGE, rangePreset, rangeQuery } from '../lib/trend-range.js';
import { RangeSelect, TrendCharts } from './trend-charts.js';

/** One canonical entity: its names, its coverage and tone over time, who it appears with, where. */
export function EntityView({ entityId }: { entityId: string }) {
  const { timeZone } = useApp();
  const [params, setParams] = useSearchParams();
  const preset = rangePreset(params.get('range') ?? DEFAULT_RANGE);
  const detail = useApiQuery(`entity:${entityId}`, (api, signal) => api.entity(entityId, signal));
  const trend = useApiQuery(`entity-trend:${entityId}:${preset.id}:${timeZone}`, (api, signal) =>
    api.entityTrend(entityId, rangeQuery(preset, timeZone), signal),
  );
  const co = useApiQuery(`co:${entityId}`, (api, signal) => api.entityCoMentions(entityId, 10, signal));
  const samples = useApiQuery(`entity-articles:${entityId}`, (api, signal) =>
    api.articles({ entity: entityId, limit: 10 }, signal),
  );
  const e = detail.data;
  const detailMissing = detail.error instanceof ApiError && detail.error.routeMissing;
  const [type] = entityId.split(':');
  return (
    <div className="page">
      <div className="topic-header">
        <h1 data-testid="entity-name">{e?.name ?? entityId}</h1>
        <div className="muted">
          <code>{entityId}</code> · {e?.type ?? type?.toUpperCase()}
        </div>
        {e?.aliases?.length ? (
          <p className="aliases" data-testid="aliases">
            Also written:{' '}
            {e.aliases.map((alias) => (
              <span key={alias} className="badge">
                {alias}
              </span>
            ))}
          </p>
        ) : null}
        {detailMissing ? (
          <p className="muted small" data-testid="not-available">
            Names and aliases are not available on this server (no route <code>/v1/entities/{'{id}'}</code> yet).
          </p>
        ) : detail.error ? (
          <ErrorNotice error={detail.error} what="the entity" />
        ) : null}
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
      <Panel title="Sample articles" testId="entity-articles">
        <QueryView query={samples} what="Sample articles">
          {(data) =>
            data.articles.length ? (
              <ul className="articles">
                {data.articles.map((a) => (
                  <ArticleRow key={a.articleId} article={a} />
                ))}
              </ul>
            ) : (
              <p className="muted">No articles.</p>
            )
          }
        </QueryView>
      </Panel>
    </div>
  );
}
