import type { TopicRecord, TopicState, TopicVersion } from '../domain/topic-state.js';

export const TOPIC_REPOSITORY = Symbol('TopicRepository');

/** A topic stored before versions existed: `{ _id, name, description, query }`. */
export interface LegacyTopic {
  topicId: string;
  name: string;
  description?: string;
  query: string;
}

export interface TopicRepository {
  /** Every topic, deleted ones included, with its versions. */
  states(): Promise<TopicState[]>;
  state(topicId: string): Promise<TopicState | null>;
  /** Creates or replaces the topic's record (names, deletion, change sequence). */
  saveRecord(record: TopicRecord): Promise<void>;
  /** Inserts a version; false when that number exists already (another change got there first). */
  addVersion(version: TopicVersion): Promise<boolean>;
  completeVersion(topicId: string, version: number, at: Date): Promise<void>;
  failVersion(topicId: string, version: number, at: Date): Promise<void>;
  /** Topics stored without versions by an older release. */
  legacy(): Promise<LegacyTopic[]>;
}
