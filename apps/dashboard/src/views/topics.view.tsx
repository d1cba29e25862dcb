import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { TopicViewV1 } from '../api/contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { Loading, ErrorNotice } from '../components/status.js';
import { Panel } from '../components/bits.js';
import { segment } from '../lib/safe-url.js';

function OpenById() {
  const [id, setId] = useState('');
  const [, navigate] = useLocation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const topicId = id.trim().toLowerCase();
    if (topicId) navigate(`/topics/${segment(topicId)}`);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label>
        Open a topic by id <input value={id} onChange={(e) => setId(e.target.value)} placeholder="bars" />
      </label>
      <button type="submit">Open</button>
    </form>
  );
}

function TopicRow({ topic }: { topic: TopicViewV1 }) {
  const b = topic.backfill;
  const backfilling = b && (b.status === 'waiting' || b.status === 'running');
  return (
    <li data-testid={`topic-${topic.topicId}`}>
      <Link href={`/topics/${segment(topic.topicId)}`} className="topic-link">
        {topic.name}
      </Link>{' '}
      <code className="muted">{topic.topicId}</code>
      {topic.activeVersion ? <span className="badge">v{topic.activeVersion}</span> : null}
      {backfilling ? (
        <span className="badge badge-warn">
          backfill of v{b.version}: {b.percent.toFixed(0)}%
        </span>
      ) : null}
      {b?.status === 'failed' ? <span className="badge badge-warn">backfill failed</span> : null}
      {topic.description ? <p className="muted small">{topic.description}</p> : null}
    </li>
  );
}

export function TopicsView() {
  // The list follows running backfills (their percentage); otherwise it stays as loaded.
  const [backfilling, setBackfilling] = useState(false);
  const topics = useApiQuery('topics', (api, signal) => api.topics(signal), {
    refreshMs: backfilling ? 3_000 : undefined,
  });
  const running = (topics.data ?? []).some((t) => t.backfill?.status === 'waiting' || t.backfill?.status === 'running');
  useEffect(() => setBackfilling(running), [running]);
  return (
    <div className="page">
      <Panel
        title="Topics"
        actions={
          <Link href="/topics/new" className="button">
            New topic
          </Link>
        }
        testId="topics"
      >
        {topics.data ? (
          topics.data.length ? (
            <ul className="topic-list" data-testid="topic-list">
              {topics.data.map((t) => (
                <TopicRow key={t.topicId} topic={t} />
              ))}
            </ul>
          ) : (
            <p className="muted">No topics yet. Create one.</p>
          )
        ) : topics.error ? (
          <ErrorNotice error={topics.error} what="The topic list" />
        ) : (
          <Loading what="topics" />
        )}
        <OpenById />
      </Panel>
    </div>
  );
}
