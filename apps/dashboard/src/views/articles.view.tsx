import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { ARTICLE_FILTERS, type ArticleQuery } from '../api/media-monitor.api.js';
import type { ArticleSummary } from '../api/contracts.js';
import { useApiQuery } from '../api/use-api.js';
import { useApp } from '../app/app-context.js';
import { ArticleRow } from '../components/article-row.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { LocalTime, Panel, ToneBadge } from '../components/bits.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { evidenceMarks, evidenceView } from '../lib/article-evidence.js';
import { segment } from '../lib/safe-url.js';

const PAGE = 20;

/**
 * A listed article with its evidence: the list carries no offsets, so each row loads the
 * article's detail and then highlights, in title and snippet, where the topics' queries matched
 * (the filtered topic only, when there is one) and the entities with the tone towards them.
 */
function EvidenceRow({ article, topicId }: { article: ArticleSummary; topicId?: string }) {
  const detail = useApiQuery(`article:${article.articleId}`, (api, signal) => api.article(article.articleId, signal));
  const a = detail.data;
  if (!a) return <ArticleRow article={article} />;
  const topics = topicId ? a.topics.filter((t) => t.topicId === topicId) : a.topics;
  const view = evidenceView(a, evidenceMarks({ topics, entities: a.entities }));
  return (
    <li className="article-row" data-testid="article-row" data-article-id={a.articleId} data-evidence={view.marks}>
      <Link href={`/articles/${a.articleId}`} className="article-title">
        <HighlightedText segments={view.title} />
      </Link>
      <div className="muted small">
        {a.source.name ?? a.source.id} · <LocalTime at={a.publishedAt} /> · {a.language} <ToneBadge tone={a.tone} />
        {topics.map((t) => (
          <span key={`${t.topicId}@${t.version}`}>
            {' '}
            · <Link href={`/topics/${segment(t.topicId)}`}>{t.topicId}</Link> matched {t.matched.join(', ')}
          </span>
        ))}
      </div>
      <p className="snippet">
        <HighlightedText segments={view.body} />
      </p>
      {a.entities.length ? (
        <div className="small" data-testid="row-entities">
          {a.entities.map((e) => (
            <span key={e.entityId} className="entity-chip">
              <Link href={`/entities/${segment(e.entityId)}`}>{e.name}</Link> <ToneBadge tone={e.tone} />
            </span>
          ))}
        </div>
      ) : null}
    </li>
  );
}
const LABELS: Record<(typeof ARTICLE_FILTERS)[number], string> = {
  topic: 'Topic',
  topicVersion: 'Version',
  entity: 'Entity',
  source: 'Source',
  language: 'Language',
  tone: 'Tone',
  from: 'From',
  to: 'To',
};

/** The articles behind every number, filtered and paged with the API's cursor. */
export function ArticlesView() {
  const { api } = useApp();
  const [params, setParams] = useSearchParams();
  const filters: ArticleQuery = {};
  for (const name of ARTICLE_FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const filterKey = JSON.stringify(filters);
  const [pages, setPages] = useState<{
    key: string;
    articles: ArticleSummary[];
    next: string | null;
    error?: Error;
    loading: boolean;
  }>({
    key: '',
    articles: [],
    next: null,
    loading: true,
  });
  const [draft, setDraft] = useState<ArticleQuery>(filters);

  const load = (cursor: string | null, key: string, signal?: AbortSignal) => {
    setPages((p) => ({ ...p, loading: true }));
    api.articles({ ...(JSON.parse(key) as ArticleQuery), limit: PAGE, ...(cursor ? { cursor } : {}) }, signal).then(
      (page) =>
        setPages((p) => ({
          key,
          articles: cursor && p.key === key ? [...p.articles, ...page.articles] : page.articles,
          next: page.nextCursor ?? null,
          loading: false,
        })),
      (error: Error) => {
        if (error.name !== 'AbortError') setPages((p) => ({ ...p, key, error, loading: false }));
      },
    );
  };

  useEffect(() => {
    const controller = new AbortController();
    setDraft(JSON.parse(filterKey) as ArticleQuery);
    load(null, filterKey, controller.signal);
    return () => controller.abort();
  }, [filterKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const name of ARTICLE_FILTERS) {
      const value = draft[name]?.trim();
      if (value) next[name] = value;
    }
    setParams(next);
  };

  return (
    <div className="page">
      <Panel title="Articles" testId="articles">
        <form className="filters" onSubmit={submit}>
          {ARTICLE_FILTERS.map((name) => (
            <label key={name}>
              {LABELS[name]}{' '}
              <input
                value={draft[name] ?? ''}
                onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
                placeholder={
                  name === 'from' || name === 'to' ? '2026-11-20T10:00:00Z' : name === 'tone' ? 'negative' : ''
                }
              />
            </label>
          ))}
          <button type="submit">Filter</button>
        </form>
        <p className="legend small">
          <mark className="mark mark-topic">topic evidence</mark>{' '}
          <mark className="mark mark-entity tone-positive">entity, positive</mark>{' '}
          <mark className="mark mark-entity tone-neutral">neutral</mark>{' '}
          <mark className="mark mark-entity tone-negative">negative</mark> (hover a mark for the query term or the
          entity and its tone)
        </p>
        {filters.from || filters.to ? (
          <p className="muted small">
            Published from <LocalTime at={filters.from} /> to <LocalTime at={filters.to} />
          </p>
        ) : null}
        {pages.error && pages.articles.length === 0 ? (
          <ErrorNotice error={pages.error} what="The article list" />
        ) : null}
        {pages.articles.length ? (
          <ul className="articles">
            {pages.articles.map((a) => (
              <EvidenceRow key={a.articleId} article={a} topicId={filters.topic} />
            ))}
          </ul>
        ) : !pages.loading && !pages.error ? (
          <p className="muted">No articles match.</p>
        ) : null}
        {pages.loading ? <Loading what="articles" /> : null}
        {pages.next && !pages.loading ? (
          <button type="button" onClick={() => load(pages.next, filterKey)}>
            More
          </button>
        ) : null}
      </Panel>
    </div>
  );
}
