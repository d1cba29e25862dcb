import { Inject, Injectable } from '@nestjs/common';
import type { ArticleEntitiesV1, ArticleSentimentV1 } from '@media-monitor/contracts';
import { analyzeTone } from '../domain/analyze.js';
import { TONE_PUBLISHER, type TonePublisher } from './tone.publisher.js';
import { TONE_REPOSITORY, type ToneRepository } from './tone.repository.js';

export const ANALYZER = { name: 'targeted-logistic-regression', version: '1.1.0' } as const;

/** Scores the tone of an analysed article and towards its entities, stores it, then announces it. */
@Injectable()
export class ScoreArticleUseCase {
  constructor(
    @Inject(TONE_REPOSITORY) private readonly tones: ToneRepository,
    @Inject(TONE_PUBLISHER) private readonly publisher: TonePublisher,
  ) {}

  async execute(article: ArticleEntitiesV1): Promise<ArticleSentimentV1> {
    const analysis: ArticleSentimentV1 = {
      articleId: article.articleId,
      publishedAt: article.publishedAt,
      language: article.language,
      analyzer: { ...ANALYZER },
      ...analyzeTone(article),
    };
    await this.tones.save(analysis);
    await this.publisher.publish(analysis);
    return analysis;
  }
}
