import type { AlertDestinationViewV1 } from '@media-monitor/contracts';
import { useState } from 'react';
import { Link } from 'wouter';
import { useApp } from '../app/app-context.js';
import { ApiError } from '../api/api-error.js';
import { useApiQuery } from '../api/use-api.js';
import { AlertList } from '../components/alert-list.js';
import { LocalTime, Panel } from '../components/bits.js';
import { ErrorNotice, QueryView } from '../components/status.js';
import { segment } from '../lib/safe-url.js';

type TestResult = { outcome: string; detail: string; httpStatus: number | null } | { error: string };

/** Sends a sample alert to a destination now and shows what happened. */
export function TestSendButton({ destinationId }: { destinationId: string }) {
  const { api } = useApp();
  const [result, setResult] = useState<TestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const r = await api.testSend(destinationId);
      setResult({ outcome: r.outcome, detail: r.detail, httpStatus: r.httpStatus });
    } catch (error) {
      setResult({ error: error instanceof ApiError ? `${error.code}: ${error.message}` : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="test-send">
      <button type="button" onClick={() => void send()} disabled={busy} data-testid={`test-send-${destinationId}`}>
        {busy ? 'Sending…' : 'Test send'}
      </button>
      {result ? (
        'error' in result ? (
          <span className="field-error"> {result.error}</span>
        ) : (
          <span className={result.outcome === 'delivered' ? 'ok' : 'field-error'} data-testid="test-send-result">
            {' '}
            {result.outcome}
            {result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}
            {result.detail ? `: ${result.detail}` : ''}
          </span>
        )
      ) : null}
    </span>
  );
}

export function DestinationTable({ destinations }: { destinations: readonly AlertDestinationViewV1[] }) {
  if (destinations.length === 0) return <p className="muted">No destinations: alerts are kept here only.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Destination</th>
          <th>Type</th>
          <th>State</th>
          <th>Pending</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {destinations.map((d) => (
          <tr key={d.destinationId}>
            <td>
              {d.name} <code className="muted">{d.destinationId}</code>
              <div className="muted small">{d.urlHint}</div>
            </td>
            <td>{d.type}</td>
            <td>
              {d.enabled ? d.status : 'disabled'}
              {d.brokenReason ? <div className="field-error small">{d.brokenReason}</div> : null}
              {d.pausedUntil ? (
                <div className="small">
                  paused until <LocalTime at={d.pausedUntil} />
                </div>
              ) : null}
            </td>
            <td>{d.pendingDeliveries}</td>
            <td>
              <TestSendButton destinationId={d.destinationId} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deliveries({ alertId }: { alertId: string }) {
  const log = useApiQuery(`deliveries:${alertId}`, (api, signal) => api.alertDeliveries(alertId, signal));
  return (
    <QueryView query={log} what="the delivery log">
      {(data) =>
        data.deliveries.length === 0 ? (
          <p className="muted small">No deliveries (no destination).</p>
        ) : (
          <ul className="plain small">
            {data.deliveries.map((d) => (
              <li key={d.deliveryId}>
                {d.destinationId}: {d.status}
                <ol>
                  {d.attempts.map((a) => (
                    <li key={a.attempt}>
                      <LocalTime at={a.startedAt} /> {a.outcome ?? 'in flight'} {a.httpStatus ?? ''} {a.response ?? ''}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}

/** Every recent alert, the rules that raise them, and where they are delivered. */
export function AlertsView() {
  const alerts = useApiQuery('alerts:all', (api, signal) => api.alerts({ limit: 50 }, signal), { refreshMs: 15_000 });
  const rules = useApiQuery('rules', (api, signal) => api.alertRules(undefined, signal));
  const destinations = useApiQuery('destinations', (api, signal) => api.alertDestinations(signal));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="page">
      <div className="grid">
        <Panel title="Recent alerts" testId="all-alerts">
          <QueryView query={alerts} what="alerts">
            {(data) => (
              <>
                <AlertList alerts={data.alerts} showTopic />
                {data.alerts.length ? (
                  <label className="small">
                    Delivery log of{' '}
                    <select value={open ?? ''} onChange={(e) => setOpen(e.target.value || null)}>
                      <option value="">—</option>
                      {data.alerts.map((a) => (
                        <option key={a.alertId} value={a.alertId}>
                          {a.alertId}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                {open ? <Deliveries alertId={open} /> : null}
              </>
            )}
          </QueryView>
        </Panel>
        <div className="side">
          <Panel
            title="Alert rules"
            testId="rules"
            actions={
              <Link href="/alert-rules/new" className="button">
                New rule
              </Link>
            }
          >
            <QueryView query={rules} what="alert rules">
              {(data) => (
                <ul className="plain">
                  {data.rules.map((r) => (
                    <li key={r.ruleId}>
                      <Link href={`/alert-rules/${segment(r.ruleId)}`}>{r.name}</Link>{' '}
                      <span className="badge">{r.kind}</span>
                      {r.enabled ? null : <span className="badge">disabled</span>}
                      <div className="muted small">
                        {r.scope.type} <code>{r.scope.id}</code>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </QueryView>
          </Panel>
          <Panel title="Destinations" testId="destinations">
            {destinations.error instanceof ApiError && destinations.error.status === 403 ? (
              <p className="muted">Destinations need an admin key.</p>
            ) : destinations.error ? (
              <ErrorNotice error={destinations.error} what="destinations" />
            ) : (
              <QueryView query={destinations} what="destinations">
                {(data) => <DestinationTable destinations={data.destinations} />}
              </QueryView>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
