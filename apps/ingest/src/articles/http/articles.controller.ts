import { BadRequestException, Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { IngestArticleUseCase, type IngestOutcome } from '../application/ingest-article.use-case.js';
import type { ArticleSubmission } from '../domain/article.js';
import { canonicalizeUrl, InvalidArticleUrlError } from '../domain/canonical-url.js';
import { ArticleBatchSchema, ArticleSubmissionSchema, LooseArticleBatchSchema } from './article-submission.schema.js';

function invalid(code: string, message: string, issues?: z.core.$ZodIssue[]): BadRequestException {
  return new BadRequestException({ error: { code, message, issues } });
}

/** One article of a partial batch: its outcome, or why it was refused. */
export type BatchItemResult =
  (IngestOutcome & { index: number }) | { index: number; status: 'rejected'; error: { code: string; message: string } };

/** The push API: sources and scripts post articles here. */
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly ingest: IngestArticleUseCase) {}

  /**
   * Accepts one article or a batch; 202 once every article is stored and published. A batch is
   * refused whole when one article is invalid, unless `?partial=true`: then each article gets its
   * own result, invalid ones `rejected` with a code (the bulk import relies on it).
   */
  @Post()
  @HttpCode(202)
  async submit(
    @Body() body: unknown,
    @Query('partial') partial?: string,
  ): Promise<IngestOutcome | { results: IngestOutcome[] } | { results: BatchItemResult[] }> {
    const isBatch = typeof body === 'object' && body !== null && 'articles' in body;
    if (isBatch && partial === 'true') return { results: await this.partialBatch(body) };
    const parsed = isBatch ? ArticleBatchSchema.safeParse(body) : ArticleSubmissionSchema.safeParse(body);
    if (!parsed.success)
      throw invalid('ingest.invalid_article', 'the article does not match the schema', parsed.error.issues);
    try {
      if ('articles' in parsed.data) {
        parsed.data.articles.forEach((article) => canonicalizeUrl(article.url));
        const outcomes = await this.ingest.executeBatch(parsed.data.articles);
        return {
          results: outcomes.map((result) => {
            if (!result.ok) throw result.error;
            return result.outcome;
          }),
        };
      }
      return await this.ingest.execute(parsed.data);
    } catch (error) {
      if (error instanceof InvalidArticleUrlError) throw invalid(error.code, error.message);
      throw error;
    }
  }

  private async partialBatch(body: unknown): Promise<BatchItemResult[]> {
    const batch = LooseArticleBatchSchema.safeParse(body);
    if (!batch.success)
      throw invalid('ingest.invalid_batch', 'expected { articles: [...] } with 1 to 500 items', batch.error.issues);
    const results: BatchItemResult[] = new Array(batch.data.articles.length);
    const valid: Array<{ index: number; article: ArticleSubmission }> = [];
    for (const [index, item] of batch.data.articles.entries()) {
      const parsed = ArticleSubmissionSchema.safeParse(item);
      if (parsed.success) {
        valid.push({ index, article: parsed.data });
        continue;
      }
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(article)'}: ${i.message}`).join('; ');
      results[index] = { index, status: 'rejected', error: { code: 'ingest.invalid_article', message } };
    }
    const outcomes = await this.ingest.executeBatch(valid.map(({ article }) => article));
    outcomes.forEach((result, position) => {
      const { index } = valid[position]!;
      results[index] = result.ok
        ? { index, ...result.outcome }
        : { index, status: 'rejected', error: { code: result.error.code, message: result.error.message } };
    });
    return results;
  }
}
