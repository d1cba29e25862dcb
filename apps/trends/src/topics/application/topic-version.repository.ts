export const TOPIC_VERSION_REPOSITORY = Symbol('TopicVersionRepository');

/** What trends knows of a topic from topic.changed.v1. */
export interface TopicState {
  topicId: string;
  name: string;
  activeVersion: number | null;
  liveVersions: number[];
  deleted: boolean;
  changedAt: Date;
  /** Versions whose buckets are to be deleted (superseded, or the topic deleted). */
  cleanup: number[];
}

export interface TopicVersionRepository {
  /** Stores the change unless a later one is stored; returns the state after it, or undefined when stale. */
  apply(change: Omit<TopicState, 'cleanup'>): Promise<TopicState | undefined>;
  get(topicId: string): Promise<TopicState | null>;
  /** Topics with versions to clean up. */
  withCleanup(limit: number): Promise<TopicState[]>;
  /** The versions' buckets are gone. */
  cleaned(topicId: string, versions: readonly number[]): Promise<void>;
}
