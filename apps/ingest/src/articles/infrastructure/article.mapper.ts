import type { Article } from '../domain/article.js';
import type { ArticleDocument } from './article.schema.js';

export const ArticleMapper = {
  toDocument(article: Article): ArticleDocument {
    const { articleId, publishedAt, ingestedAt, storyId, extras, ...rest } = article;
    return {
      ...rest,
      _id: articleId,
      publishedAt: new Date(publishedAt),
      ingestedAt: new Date(ingestedAt),
      storyId: storyId ?? null,
      duplicateOf: null,
      ...(extras ? { extras } : {}),
      announcedAt: null,
    };
  },
  toDomain(doc: ArticleDocument): Article {
    const { _id, publishedAt, ingestedAt, announcedAt: _a, duplicateOf: _d, storyId, source, extras, ...rest } = doc;
    return {
      ...rest,
      articleId: _id,
      source: source.name ? { id: source.id, name: source.name } : { id: source.id },
      publishedAt: publishedAt.toISOString(),
      ingestedAt: ingestedAt.toISOString(),
      ...(storyId ? { storyId } : {}),
      ...(extras ? { extras: JSON.parse(JSON.stringify(extras)) as Article['extras'] } : {}),
    };
  },
};
