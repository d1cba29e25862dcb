import type { Topic } from '../domain/topic.js';

export const TOPIC_REPOSITORY = Symbol('TopicRepository');

export interface TopicRepository {
  all(): Promise<Topic[]>;
  /** Creates each topic whose id does not exist yet; never overwrites an analyst's edits. */
  seed(topics: readonly Topic[]): Promise<void>;
}
