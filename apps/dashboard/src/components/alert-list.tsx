import type { AlertViewV1 } from '@media-monitor/contracts';
import { Link } from 'wouter';
import { LocalTime } from './bits.js';
import { segment } from '../lib/safe-url.js';

/** Alerts newest first: what fired, why, and how its deliveries went. Every string is shown as text. */
export function AlertList({ alerts, showTopic = false }: { alerts: readonly AlertViewV1[]; showTopic?: boolean }) {
  if (alerts.length === 0) return <p className="muted">No alerts yet.</p>;
  return (
    <ul className="alerts" data-testid="alert-list">
      {alerts.map((a) => (
        <li key={a.alertId} className={`alert alert-${a.kind}`} data-testid="alert">
          <div className="alert-head">
            <span className="badge">{a.kind}</span> <strong className="alert-title">{a.title}</strong>
          </div>
          <div className="muted small">
            <LocalTime at={a.raisedAt} /> · rule <Link href={`/alert-rules/${segment(a.ruleId)}`}>{a.ruleId}</Link>
            {showTopic ? (
              <>
                {' '}
                · topic <Link href={`/topics/${segment(a.topicId)}`}>{a.topicId}</Link>
              </>
            ) : null}
            {a.deliveries.length ? (
              <>
                {' '}
                · deliveries:{' '}
                {a.deliveries.map((d) => (
                  <span key={d.destinationId} className={`badge delivery-${d.status}`} title={d.lastError ?? ''}>
                    {d.destinationId} {d.status}
                  </span>
                ))}
              </>
            ) : null}
          </div>
          <p className="alert-explanation">{a.explanation}</p>
          {a.details ? <p className="small">{a.details.statistic}</p> : null}
          {a.articleIds.length ? (
            <div className="small">
              Articles:{' '}
              {a.articleIds.slice(0, 5).map((id) => (
                <Link key={id} href={`/articles/${id}`} className="mono">
                  {id.slice(0, 8)}
                </Link>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
