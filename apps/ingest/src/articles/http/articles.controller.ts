import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { IngestArticleUseCase, type IngestOutcome } from '../application/ingest-article.use-case.js';
import { canonicalizeUrl, InvalidArticleUrlError } from '../domain/canonical-url.js';
import { ArticleBatchSchema, ArticleSubmissionSchema } from './article-submission.schema.js';

function invalid(code: string, message: string, issues?: z.core.$ZodIssue[]): BadRequestException {
  return new BadRequestException({ error: { code, message, issues } });
}

/** The push API: sources and scripts post articles here. */
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly ingest: IngestArticleUseCase) {}

  /** Accepts one article or a batch; 202 once every article is stored and published. */
  @Post()
  @HttpCode(202)
  async submit(@Body() body: unknown): Promise<IngestOutcome | { results: IngestOutcome[] }> {
    const isBatch = typeof body === 'object' && body !== null && 'articles' in body;
    const parsed = isBatch ? ArticleBatchSchema.safeParse(body) : ArticleSubmissionSchema.safeParse(body);
    if (!parsed.success)
      throw invalid('ingest.invalid_article', 'the article does not match the schema', parsed.error.issues);
    try {
      if ('articles' in parsed.data) {
        parsed.data.articles.forEach((article) => canonicalizeUrl(article.url));
        const results: IngestOutcome[] = [];
        for (const article of parsed.data.articles) results.push(await this.ingest.execute(article));
        return { results };
      }
      return await this.ingest.execute(parsed.data);
    } catch (error) {
      if (error instanceof InvalidArticleUrlError) throw invalid(error.code, error.message);
      throw error;
    }
  }
}
