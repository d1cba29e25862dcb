import type { ArticleSentimentV1 } from '@media-monitor/contracts';

export const TONE_REPOSITORY = Symbol('ToneRepository');

export interface ToneRepository {
  /** Stores (or replaces with the same content) the tone of one article. */
  save(analysis: ArticleSentimentV1): Promise<void>;
}
