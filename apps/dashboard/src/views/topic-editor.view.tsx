import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useApp } from '../app/app-context.js';
import { ApiError } from '../api/api-error.js';
import type { DryRunResult, TopicInput } from '../api/pending-contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { LocalTime, Panel } from '../components/bits.js';
import { ErrorNotice, NotAvailable } from '../components/status.js';
import { topicMark } from '../lib/article-evidence.js';
import { segmentText } from '../lib/highlight.js';
import { QUERY_HELP, locate } from '../lib/query-help.js';
import { segment } from '../lib/safe-url.js';

const TOPIC_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

function QueryError({ query, error }: { query: string; error: ApiError }) {
  const position = typeof error.details['position'] === 'number' ? error.details['position'] : null;
  const where = position === null ? null : locate(query, position);
  return (
    <div className="notice notice-error" role="alert" data-testid="query-error">
      <strong>{error.code}</strong>: {error.message}
      {where ? (
        <pre className="query-caret">
          {where.line}
          {'\n'}
          {' '.repeat(where.column)}^ line {where.lineNumber}, column {where.column + 1}
        </pre>
      ) : null}
    </div>
  );
}

function DryRun({ result }: { result: DryRunResult }) {
  return (
    <div data-testid="dry-run">
      <p>
        <strong>{result.matched ?? 0}</strong> of {result.scanned ?? '?'} stored articles match
        {result.scope ? <> ({result.scope})</> : null}.
      </p>
      <ul className="articles">
        {(result.samples ?? []).map((s) => {
          const text = s.text ?? `${s.title}\n\n${s.snippet ?? ''}`;
          const segments = segmentText(
            text,
            (s.evidence ?? []).map((e) => topicMark('draft', e)),
          );
          return (
            <li key={s.articleId} className="article-row">
              <Link href={`/articles/${s.articleId}`} className="article-title">
                {s.title}
              </Link>
              <div className="muted small">
                {s.source?.name ?? s.source?.id} <LocalTime at={s.publishedAt} />{' '}
                {s.matched?.length ? `matched: ${s.matched.join(', ')}` : ''}
              </div>
              <p className="snippet">
                <HighlightedText segments={segments} />
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Creates or edits a topic: its query with help, a dry run against stored articles, then save (which starts a backfill). */
export function TopicEditorView({ topicId }: { topicId?: string }) {
  const { api } = useApp();
  const [, navigate] = useLocation();
  const existing = useApiQuery(`topic:${topicId ?? ''}`, (a, signal) => a.topic(topicId ?? '', signal), {
    enabled: !!topicId,
  });
  const [input, setInput] = useState<TopicInput>({ topicId: '', name: '', description: '', query: '' });
  const [dry, setDry] = useState<{ result?: DryRunResult; error?: Error; busy?: boolean }>({});
  const [saving, setSaving] = useState<{ error?: Error; busy?: boolean }>({});

  useEffect(() => {
    const t = existing.data;
    if (t)
      setInput({
        topicId: t.topicId,
        name: t.name,
        description: t.description ?? '',
        query: t.query,
        language: t.language ?? '',
        sourceIds: t.sourceIds ?? [],
      });
  }, [existing.data]);

  const filters = () => ({
    query: input.query,
    ...(input.language ? { language: input.language } : {}),
    ...(input.sourceIds?.length ? { sourceIds: input.sourceIds } : {}),
  });
  const runDry = async () => {
    setDry({ busy: true });
    try {
      setDry({ result: await api.dryRun(filters()) });
    } catch (error) {
      setDry({ error: error as Error });
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving({ busy: true });
    try {
      const saved = await api.saveTopic(
        { ...input, ...filters(), topicId: input.topicId?.trim(), name: input.name.trim() },
        !!topicId,
      );
      navigate(`/topics/${segment(saved.topicId ?? input.topicId ?? '')}`);
    } catch (error) {
      setSaving({ error: error as Error });
    }
  };
  const idProblem =
    !topicId && input.topicId && !TOPIC_ID.test(input.topicId) ? 'lower-case letters, digits and dashes' : null;
  const routeMissing = [dry.error, saving.error, existing.error].find(
    (e) => e instanceof ApiError && e.routeMissing,
  ) as ApiError | undefined;

  return (
    <div className="page">
      <div className="grid">
        <Panel title={topicId ? `Edit topic ${topicId}` : 'New topic'} testId="topic-editor">
          {routeMissing ? <NotAvailable what="Creating and editing topics" path={routeMissing.path} /> : null}
          <form className="editor" onSubmit={(e) => void save(e)}>
            <label>
              Id{' '}
              <input
                value={input.topicId ?? ''}
                onChange={(e) => setInput({ ...input, topicId: e.target.value })}
                disabled={!!topicId}
                placeholder="kursk-border"
                required
              />
              {idProblem ? <span className="field-error"> {idProblem}</span> : null}
            </label>
            <label>
              Name{' '}
              <input
                value={input.name}
                onChange={(e) => setInput({ ...input, name: e.target.value })}
                required
                placeholder="Kursk border"
              />
            </label>
            <label>
              Description{' '}
              <input
                value={input.description ?? ''}
                onChange={(e) => setInput({ ...input, description: e.target.value })}
              />
            </label>
            <label className="block">
              Query
              <textarea
                className="query-input"
                rows={5}
                value={input.query}
                onChange={(e) => setInput({ ...input, query: e.target.value })}
                placeholder={'entity:unit:bars-kursk OR "Курская область"'}
                spellCheck={false}
                required
              />
            </label>
            <label>
              Language{' '}
              <input
                value={input.language ?? ''}
                onChange={(e) => setInput({ ...input, language: e.target.value })}
                placeholder="any"
                size={4}
              />
            </label>
            <label>
              Sources{' '}
              <input
                value={(input.sourceIds ?? []).join(', ')}
                onChange={(e) => setInput({ ...input, sourceIds: e.target.value.split(/[\s,]+/).filter(Boolean) })}
                placeholder="all sources"
              />
            </label>
            <div className="buttons">
              <button type="button" onClick={() => void runDry()} disabled={!input.query.trim() || dry.busy}>
                {dry.busy ? 'Running…' : 'Dry run'}
              </button>
              <button type="submit" disabled={saving.busy || !!idProblem}>
                {topicId ? 'Save (a changed query makes a new version)' : 'Create'}
              </button>
            </div>
          </form>
          {dry.error instanceof ApiError && dry.error.code.endsWith('invalid_query') ? (
            <QueryError query={input.query} error={dry.error} />
          ) : dry.error && !(dry.error instanceof ApiError && dry.error.routeMissing) ? (
            <ErrorNotice error={dry.error} what="the dry run" />
          ) : null}
          {saving.error instanceof ApiError && saving.error.code.endsWith('invalid_query') ? (
            <QueryError query={input.query} error={saving.error} />
          ) : saving.error && !(saving.error instanceof ApiError && saving.error.routeMissing) ? (
            <ErrorNotice error={saving.error} what="the topic (not saved)" />
          ) : null}
          {dry.result ? <DryRun result={dry.result} /> : null}
        </Panel>
        <div className="side">
          <Panel title="Query help">
            <table className="table help">
              <tbody>
                {QUERY_HELP.map((h) => (
                  <tr key={h.syntax}>
                    <td>
                      <code>{h.syntax}</code>
                    </td>
                    <td>{h.meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="small muted">Words match every inflection (Russian and English stemming); ё equals е.</p>
          </Panel>
        </div>
      </div>
    </div>
  );
}
