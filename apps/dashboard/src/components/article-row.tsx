import { Link } from 'wouter';
import type { ArticleSummary } from '../api/pending-contracts.js';
import { LocalTime, ToneBadge } from './bits.js';

/** One article of a list: title (to its evidence), source, time, language and tone, snippet as text. */
export function ArticleRow({ article }: { article: ArticleSummary }) {
  return (
    <li className="article-row" data-testid="article-row">
      <Link href={`/articles/${article.articleId}`} className="article-title">
        {article.title}
      </Link>
      <div className="muted small">
        {article.source.name ?? article.source.id} · <LocalTime at={article.publishedAt} />
        {article.language ? <> · {article.language}</> : null} <ToneBadge tone={article.tone} />
      </div>
      {article.snippet ? <p className="snippet">{article.snippet}</p> : null}
    </li>
  );
}
