import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicChangedV1 } from '@media-monitor/contracts';
import { activeVersion, liveVersions, type TopicState } from '../domain/topic-state.js';
import { TOPIC_CHANGE_LOG, TOPIC_EVENTS, type TopicChangeLog, type TopicEvents } from './topic-change.log.js';
import { TOPIC_REPOSITORY, type TopicRepository } from './topic.repository.js';

/** The event that announces a topic's state. */
export function changedEvent(state: TopicState, at: Date): TopicChangedV1 {
  return {
    topicId: state.topic.topicId,
    name: state.topic.name,
    activeVersion: activeVersion(state),
    liveVersions: liveVersions(state),
    deleted: state.topic.deletedAt !== null,
    changedAt: at.toISOString(),
  };
}

/**
 * topic.changed.v1 through an outbox: each change is stored with the topic's next sequence number
 * before it is published, and a topic's changes are published in sequence order (an earlier one
 * that failed goes first), so the last event a consumer sees is the topic's current state.
 * Callers hold the topic's lock.
 */
@Injectable()
export class TopicChanges {
  private readonly logger = new Logger(TopicChanges.name);

  constructor(
    @Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository,
    @Inject(TOPIC_CHANGE_LOG) private readonly log: TopicChangeLog,
    @Inject(TOPIC_EVENTS) private readonly events: TopicEvents,
  ) {}

  /**
   * Records the stored state as the topic's next change, then publishes what is pending for the topic
   * (unless `publish` is false: at start, before the streams exist, the outbox relay publishes it).
   */
  async record(state: TopicState, at = new Date(), publish = true): Promise<void> {
    let seq = state.topic.changeSeq;
    let appended = false;
    while (!appended) {
      seq++;
      appended = await this.log.append({ topicId: state.topic.topicId, seq, event: changedEvent(state, at) });
    }
    state.topic.changeSeq = seq;
    await this.topics.saveRecord(state.topic);
    if (!publish) return;
    await this.publishPending(state.topic.topicId).catch((error: Error) => {
      this.logger.warn(`topic.changed.v1 of ${state.topic.topicId} stays in the outbox: ${error.message}`);
    });
  }

  /** Publishes the topic's unpublished changes in order; stops at the first failure (retried later). */
  async publishPending(topicId?: string): Promise<number> {
    const pending = (await this.log.unpublished()).filter((c) => topicId === undefined || c.topicId === topicId);
    for (const change of pending) {
      await this.events.changed(change);
      await this.log.markPublished(change, new Date());
    }
    return pending.length;
  }

  /** Topics with unpublished changes. */
  async pendingTopics(): Promise<string[]> {
    return [...new Set((await this.log.unpublished()).map((c) => c.topicId))];
  }
}
