import { Link } from 'wouter';
import type { ArticleSummary } from '../api/contracts.js';
import { LocalTime, ToneBadge } from './bits.js';

/**
 * One article of a list: title (to its evidence), source, time, language and tone, snippet as
 * text; `live` marks one the event stream brought while the page was open.
 */
export function ArticleRow({ article, live = false }: { article: ArticleSummary; live?: boolean }) {
  return (
    <li className="article-row" data-testid="article-row" data-article-id={article.articleId} data-live={live}>
      <Link href={`/articles/${article.articleId}`} className="article-title">
        {article.title}
      </Link>
      {live ? <span className="badge badge-live">new</span> : null}
      <div className="muted small">
        {article.source.name ?? article.source.id} · <LocalTime at={article.publishedAt} /> · {article.language}{' '}
        <ToneBadge tone={article.tone} />
      </div>
      {article.snippet ? <p className="snippet">{article.snippet}</p> : null}
    </li>
  );
}
