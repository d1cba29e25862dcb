import type { ArticleTopicsMatchedV1 } from '@media-monitor/contracts';

export const TOPICS_MATCHED_PUBLISHER = Symbol('TopicsMatchedPublisher');

/** Publishes article.topics-matched.v1 (msgID `topics-matched:<articleId>:<topicId>@<version>`). */
export interface TopicsMatchedPublisher {
  publish(event: ArticleTopicsMatchedV1): Promise<void>;
}
