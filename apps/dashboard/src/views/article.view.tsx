import { Link } from 'wouter';
import { useApiQuery } from '../api/use-api.js';
import { HighlightedText } from '../components/highlighted-text.js';
import { ExternalLink, LocalTime, Panel, ToneBadge } from '../components/bits.js';
import { QueryView } from '../components/status.js';
import { evidenceView } from '../lib/article-evidence.js';
import { segment } from '../lib/safe-url.js';
import type { ArticleDetail } from '../api/contracts.js';

function Evidence({ article }: { article: ArticleDetail }) {
  const view = evidenceView(article);
  return (
    <>
      <h1 className="article-heading" data-testid="article-title">
        <HighlightedText segments={view.title} />
      </h1>
      <div className="muted">
        {article.source.name ?? article.source.id} · <LocalTime at={article.publishedAt} /> · {article.language}{' '}
        <ToneBadge tone={article.tone} /> · <ExternalLink url={article.url}>original</ExternalLink>
      </div>
      <p className="legend small">
        <mark className="mark mark-topic">topic evidence</mark>{' '}
        <mark className="mark mark-entity tone-positive">entity, positive</mark>{' '}
        <mark className="mark mark-entity tone-neutral">neutral</mark>{' '}
        <mark className="mark mark-entity tone-negative">negative</mark> (hover a mark for the query term or the entity
        and its tone)
      </p>
      <div className="article-text" data-testid="article-text">
        <HighlightedText segments={view.body} />
        {view.partial ? (
          <p className="muted small">Only the start of the article is stored with its analysis.</p>
        ) : null}
      </div>
      {view.beyond.length ? (
        <div className="small" data-testid="evidence-beyond">
          Further evidence, later in the article:{' '}
          {view.beyond.map((m) => (
            <mark
              key={`${m.kind}:${m.start}:${m.end}`}
              className={`mark mark-${m.kind}${m.tone ? ` tone-${m.tone}` : ''}`}
              title={m.label}
            >
              {m.expected}
            </mark>
          ))}
        </div>
      ) : null}
    </>
  );
}

/** One article with the evidence behind its numbers: the matched query terms and the entities with their tone. */
export function ArticleView({ articleId }: { articleId: string }) {
  const article = useApiQuery(`article:${articleId}`, (api, signal) => api.article(articleId, signal));
  return (
    <div className="page">
      <QueryView query={article} what="The article">
        {(a) => (
          <div className="grid">
            <Panel title="Article" testId="article">
              <Evidence article={a} />
            </Panel>
            <div className="side">
              <Panel title="Topics matched">
                <ul className="plain">
                  {a.topics.map((t) => (
                    <li key={`${t.topicId}@${t.version}`}>
                      <Link href={`/topics/${segment(t.topicId)}`}>{t.topicId}</Link>
                      <span className="muted"> v{t.version}</span>
                      {t.matched.length ? <div className="small">matched: {t.matched.join(', ')}</div> : null}
                    </li>
                  ))}
                </ul>
              </Panel>
              <Panel title="Entities and the tone towards them">
                <ul className="plain">
                  {a.entities.map((e) => (
                    <li key={e.entityId} data-testid="article-entity">
                      <Link href={`/entities/${segment(e.entityId)}`}>{e.name}</Link>{' '}
                      <span className="muted small">{e.type}</span> <ToneBadge tone={e.tone} />
                      <div className="muted small">
                        {e.mentions.length} mention(s)
                        {e.mentions.find((m) => m.sentence) ? (
                          <> · “{e.mentions.find((m) => m.sentence)?.sentence}”</>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ul>
              </Panel>
            </div>
          </div>
        )}
      </QueryView>
    </div>
  );
}
