import type { TopicChangedV1 } from '@media-monitor/contracts';

export const TOPIC_CHANGE_LOG = Symbol('TopicChangeLog');
export const TOPIC_EVENTS = Symbol('TopicEvents');

/** One recorded change of a topic: its sequence and the event that announces it. */
export interface TopicChange {
  topicId: string;
  seq: number;
  event: TopicChangedV1;
}

/** The outbox of topic.changed.v1: a change is stored before it is published, and republished until marked. */
export interface TopicChangeLog {
  /** Stores the change; false when that sequence is taken (another change got there first). */
  append(change: TopicChange): Promise<boolean>;
  markPublished(change: TopicChange, at: Date): Promise<void>;
  /** Changes not yet marked published, in sequence order per topic. */
  unpublished(): Promise<TopicChange[]>;
}

/** Publishes topic.changed.v1 (msgID `topic:<topicId>:<seq>`). */
export interface TopicEvents {
  changed(change: TopicChange): Promise<void>;
}
