import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useApp } from '../app/app-context.js';
import { ApiError } from '../api/api-error.js';
import type { TopicDryRunResponseV1 } from '../api/contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { LocalTime, Panel } from '../components/bits.js';
import { ErrorNotice } from '../components/status.js';
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

/** The editor's fields; languages and sources as typed (comma or space separated). */
interface TopicForm {
  topicId: string;
  name: string;
  description: string;
  query: string;
  languages: string;
  sourceIds: string;
}

const list = (value: string) => [...new Set(value.split(/[\s,]+/).filter(Boolean))];

function DryRun({ result }: { result: TopicDryRunResponseV1 }) {
  const { window: w } = result;
  return (
    <div data-testid="dry-run" data-matched={result.matched} data-scanned={result.scanned}>
      <p>
        <strong>{result.matched}</strong> of the {result.scanned} most recent stored articles match
        {w.from && w.to ? (
          <>
            {' '}
            (published <LocalTime at={w.from} /> to <LocalTime at={w.to} />)
          </>
        ) : null}
        {result.complete ? null : <> (the time budget ran out before {w.limit} articles were evaluated)</>}. Took{' '}
        {result.tookMs} ms; nothing was saved.
      </p>
      <ul className="articles">
        {result.samples.map((s) => {
          // The offsets point into title + blank line + body; the sample carries only the title.
          const inTitle = s.evidence.filter((e) => e.end <= s.title.length);
          const inBody = s.evidence.filter((e) => e.end > s.title.length);
          const segments = segmentText(
            s.title,
            inTitle.map((e) => topicMark('draft', e)),
          );
          return (
            <li key={s.articleId} className="article-row" data-testid="dry-run-sample">
              <Link href={`/articles/${s.articleId}`} className="article-title">
                <HighlightedText segments={segments} />
              </Link>
              <div className="muted small">
                {s.source.name ?? s.source.id} · <LocalTime at={s.publishedAt} /> · {s.language}
                {s.matched.length ? <> · matched: {s.matched.join(', ')}</> : null}
              </div>
              {inBody.length ? (
                <div className="small">
                  In the body:{' '}
                  {inBody.map((e) => (
                    <mark key={`${e.start}:${e.end}`} className="mark mark-topic" title={`query term ${e.term}`}>
                      {e.matchedText}
                    </mark>
                  ))}
                </div>
              ) : null}
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
  const [input, setInput] = useState<TopicForm>({
    topicId: '',
    name: '',
    description: '',
    query: '',
    languages: '',
    sourceIds: '',
  });
  const [dry, setDry] = useState<{ result?: TopicDryRunResponseV1; error?: Error; busy?: boolean }>({});
  const [saving, setSaving] = useState<{ error?: Error; busy?: boolean }>({});

  useEffect(() => {
    const t = existing.data;
    if (t)
      setInput({
        topicId: t.topicId,
        name: t.name,
        description: t.description ?? '',
        query: t.query,
        languages: t.languages.join(', '),
        sourceIds: t.sourceIds.join(', '),
      });
  }, [existing.data]);

  const definition = () => ({
    query: input.query,
    languages: list(input.languages.toLowerCase()),
    sourceIds: list(input.sourceIds),
  });
  const runDry = async () => {
    setDry({ busy: true });
    try {
      setDry({ result: await api.dryRun({ ...definition(), samples: 10 }) });
    } catch (error) {
      setDry({ error: error as Error });
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving({ busy: true });
    const fields = {
      name: input.name.trim(),
      ...(input.description.trim() ? { description: input.description.trim() } : {}),
      ...definition(),
    };
    try {
      const saved = topicId
        ? (await api.updateTopic(topicId, fields)).topic
        : await api.createTopic({ ...(input.topicId.trim() ? { topicId: input.topicId.trim() } : {}), ...fields });
      navigate(`/topics/${segment(saved.topicId)}`);
    } catch (error) {
      setSaving({ error: error as Error });
    }
  };
  const idProblem =
    !topicId && input.topicId && !TOPIC_ID.test(input.topicId) ? 'lower-case letters, digits and dashes' : null;

  return (
    <div className="page">
      <div className="grid">
        <Panel title={topicId ? `Edit topic ${topicId}` : 'New topic'} testId="topic-editor">
          {existing.error ? <ErrorNotice error={existing.error} what="the topic" /> : null}
          <form className="editor" onSubmit={(e) => void save(e)}>
            <label>
              Id{' '}
              <input
                value={input.topicId}
                onChange={(e) => setInput({ ...input, topicId: e.target.value })}
                disabled={!!topicId}
                placeholder="kursk-border (made from the name when empty)"
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
              <input value={input.description} onChange={(e) => setInput({ ...input, description: e.target.value })} />
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
              Languages{' '}
              <input
                value={input.languages}
                onChange={(e) => setInput({ ...input, languages: e.target.value })}
                placeholder="all (e.g. ru, en)"
                size={10}
              />
            </label>
            <label>
              Sources{' '}
              <input
                value={input.sourceIds}
                onChange={(e) => setInput({ ...input, sourceIds: e.target.value })}
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
          ) : dry.error ? (
            <ErrorNotice error={dry.error} what="the dry run" />
          ) : null}
          {saving.error instanceof ApiError && saving.error.code.endsWith('invalid_query') ? (
            <QueryError query={input.query} error={saving.error} />
          ) : saving.error ? (
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
