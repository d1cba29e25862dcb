import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../api/api-error.js';
import type { TopicView } from '../api/pending-contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { Loading, NotAvailable, ErrorNotice } from '../components/status.js';
import { Panel } from '../components/bits.js';
import { segment } from '../lib/safe-url.js';

/** Topic ids named by alert rules: what the dashboard can offer when the server has no topics API. */
function TopicsFromRules() {
  const rules = useApiQuery('rules', (api, signal) => api.alertRules(undefined, signal));
  if (rules.error) return <ErrorNotice error={rules.error} what="alert rules" />;
  if (!rules.data) return <Loading what="topics named by alert rules" />;
  const ids = [...new Set(rules.data.rules.filter((r) => r.scope.type === 'topic').map((r) => r.scope.id))].sort();
  if (ids.length === 0) return <p className="muted">No alert rule names a topic either.</p>;
  return (
    <>
      <p>Topics named by alert rules:</p>
      <ul className="topic-list" data-testid="topic-list">
        {ids.map((id) => (
          <li key={id}>
            <Link href={`/topics/${segment(id)}`} className="topic-link">
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

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

function TopicRow({ topic }: { topic: TopicView }) {
  const backfilling = topic.backfill && !topic.backfill.finishedAt && topic.backfill.total;
  return (
    <li>
      <Link href={`/topics/${segment(topic.topicId)}`} className="topic-link">
        {topic.name}
      </Link>{' '}
      <code className="muted">{topic.topicId}</code>
      {topic.activeVersion ? <span className="badge">v{topic.activeVersion}</span> : null}
      {backfilling ? <span className="badge badge-warn">backfill running</span> : null}
      {topic.description ? <p className="muted small">{topic.description}</p> : null}
    </li>
  );
}

export function TopicsView() {
  const topics = useApiQuery('topics', (api, signal) => api.topics(signal));
  const missing = topics.error instanceof ApiError && topics.error.routeMissing;
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
        ) : missing ? (
          <>
            <NotAvailable what="The topic list" path="/v1/topics" />
            <TopicsFromRules />
          </>
        ) : topics.error ? (
          <ErrorNotice error={topics.error} what="topics" />
        ) : (
          <Loading what="topics" />
        )}
        <OpenById />
      </Panel>
    </div>
  );
}
