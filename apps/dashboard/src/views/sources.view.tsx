import { Link } from 'wouter';
import { useApiQuery } from '../api/use-api.js';
import { LocalTime, Panel } from '../components/bits.js';
import { QueryView } from '../components/status.js';

const percent = (rate: number | null) => (rate == null ? '—' : `${(rate * 100).toFixed(0)}%`);

/** Every source with its health: last fetch, errors, what it brought, when it is fetched next. */
export function SourcesView() {
  const sources = useApiQuery('sources', (api, signal) => api.sources(signal), { refreshMs: 30_000 });
  return (
    <div className="page">
      <Panel title="Sources and their health" testId="sources">
        <QueryView query={sources} what="Sources">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No sources configured.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Source</th>
                    <th>Status</th>
                    <th>Last fetch</th>
                    <th>Last success</th>
                    <th>Errors 24 h</th>
                    <th>New 24 h</th>
                    <th>Next fetch</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.sourceId}>
                      <td>
                        <Link href={`/articles?source=${encodeURIComponent(s.sourceId)}`}>{s.name}</Link>{' '}
                        <code className="muted">{s.sourceId}</code>
                        <div className="muted small">
                          {s.type}
                          {s.language ? ` · ${s.language}` : ''}
                          {s.url ? ` · ${s.url}` : ''}
                        </div>
                      </td>
                      <td>
                        <span className={`badge health-${s.enabled ? s.health.status : 'disabled'}`}>
                          {s.enabled ? s.health.status : 'disabled'}
                        </span>
                        {s.health.stale ? <span className="badge badge-warn">stale</span> : null}
                        <div className="small">{s.health.detail}</div>
                        {s.health.lastError ? (
                          <div className="field-error small">
                            {s.health.lastError.code}: {s.health.lastError.message}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <LocalTime at={s.health.lastFetchAt} />
                      </td>
                      <td>
                        <LocalTime at={s.health.lastSuccessAt} />
                      </td>
                      <td>
                        {s.health.errors24h} / {s.health.fetches24h} ({percent(s.health.errorRate24h)})
                      </td>
                      <td>
                        {s.health.items24h}
                        <div className="muted small">{s.health.itemsPerDay.toFixed(1)} a day over 7 days</div>
                      </td>
                      <td>
                        <LocalTime at={s.health.nextFetchAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Panel>
    </div>
  );
}
