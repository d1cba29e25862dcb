import { useApiQuery } from '../api/use-api.js';
import { LocalTime, Panel } from '../components/bits.js';
import { QueryView } from '../components/status.js';

const PREVIEW = 400;

/** Messages the pipeline could not process, with the reason, so nothing disappears silently. */
export function DeadLettersView() {
  const letters = useApiQuery('dead-letters', (api, signal) => api.deadLetters(signal), { refreshMs: 30_000 });
  return (
    <div className="page">
      <Panel title="Dead letters" testId="dead-letters">
        <QueryView query={letters} what="Dead letters">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No dead letters.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Consumer</th>
                    <th>Subject</th>
                    <th>Reason</th>
                    <th>Payload</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((d, i) => {
                    const payload = typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload ?? null);
                    return (
                      <tr key={d.sequence ?? i}>
                        <td>
                          <LocalTime at={d.deadLetteredAt} />
                        </td>
                        <td>{d.consumer ?? '—'}</td>
                        <td>
                          <code>{d.originalSubject ?? d.subject ?? '—'}</code>
                        </td>
                        <td>
                          {d.code ? <code>{d.code}</code> : null} {d.reason}
                          {d.deliveryCount ? (
                            <div className="muted small">after {d.deliveryCount} deliveries</div>
                          ) : null}
                        </td>
                        <td>
                          <pre className="payload">
                            {payload.length > PREVIEW ? `${payload.slice(0, PREVIEW)}…` : payload}
                          </pre>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Panel>
    </div>
  );
}
