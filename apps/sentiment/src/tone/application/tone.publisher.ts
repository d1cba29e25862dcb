import type { ArticleSentimentV1 } from '@media-monitor/contracts';

export const TONE_PUBLISHER = Symbol('TonePublisher');

export interface TonePublisher {
  publish(analysis: ArticleSentimentV1): Promise<void>;
}
