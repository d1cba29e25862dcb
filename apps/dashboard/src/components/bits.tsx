import type { Tone } from '@media-monitor/contracts';
import type { ReactNode } from 'react';
import { useApp } from '../app/app-context.js';
import { safeHttpUrl } from '../lib/safe-url.js';
import { formatInstant, type TimeStyle } from '../lib/time-zone.js';

/** An instant written in the app's time zone; the UTC instant on hover. */
export function LocalTime({ at, style = 'datetime' }: { at: string | null | undefined; style?: TimeStyle }) {
  const { timeZone } = useApp();
  if (!at) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={`${at} (UTC)`}>
      {formatInstant(at, timeZone, style)}
    </time>
  );
}

export function ToneBadge({ tone }: { tone: Pick<Tone, 'label' | 'score'> | null | undefined }) {
  if (!tone) return <span className="badge">no tone</span>;
  return (
    <span className={`badge tone-${tone.label}`} title={`tone ${tone.score.toFixed(2)} on [-1, 1]`}>
      {tone.label} {tone.score.toFixed(2)}
    </span>
  );
}

/** A link out of the app for a URL from an article: only http(s) becomes a link, anything else stays text. */
export function ExternalLink({ url, children }: { url: string; children?: ReactNode }) {
  const safe = safeHttpUrl(url);
  if (!safe) return <span className="muted">{children ?? url}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? safe}
    </a>
  );
}

export function Panel({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="panel" data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** A bar list of ranked terms (top entities, sources), each with its share of the longest bar. */
export function RankedList({
  items,
  render,
  empty,
}: {
  items: Array<{ id: string; articles: number }>;
  render: (id: string) => ReactNode;
  empty: string;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  const max = Math.max(...items.map((i) => i.articles), 1);
  return (
    <ol className="ranked">
      {items.map((item) => (
        <li key={item.id}>
          <span className="ranked-label">{render(item.id)}</span>
          <span className="ranked-bar" style={{ width: `${(item.articles / max) * 100}%` }} />
          <span className="ranked-count">{item.articles}</span>
        </li>
      ))}
    </ol>
  );
}
