import { describe, expect, it } from '@jest/globals';
import { CONSUMER_DEFINITIONS, Namespace, STREAM_DEFINITIONS } from '@media-monitor/contracts';
import { MAX_DELIVER_METADATA_KEY, toConsumerConfig, toStreamConfig } from './topology-config.js';

describe('topology config', () => {
  const ns = new Namespace('t1');

  it('namespaces streams and converts durations to nanoseconds', () => {
    const config = toStreamConfig(ns, STREAM_DEFINITIONS.deadLetters);
    expect(config).toMatchObject({
      name: 'T1_DEAD_LETTERS',
      subjects: ['t1.deadletter.>'],
      storage: 'file',
      duplicate_window: 10 * 60 * 1e9,
      max_age: 0,
    });
  });

  it('builds an explicit-ack durable pull consumer with namespaced filters', () => {
    const config = toConsumerConfig(ns, CONSUMER_DEFINITIONS.trendsAnalysis);
    expect(config).toMatchObject({
      durable_name: 't1-trends-analysis',
      ack_policy: 'explicit',
      deliver_policy: 'all',
      filter_subjects: ['t1.article.entities.v1', 't1.article.sentiment.v1', 't1.article.topics-matched.v1'],
      ack_wait: 30 * 1e9,
      max_ack_pending: 2_000,
      max_deliver: -1,
      metadata: { [MAX_DELIVER_METADATA_KEY]: '6' },
    });
    expect(config.deliver_subject).toBeUndefined();
  });

  it('leaves names alone in the empty namespace', () => {
    expect(toStreamConfig(Namespace.none, STREAM_DEFINITIONS.articles).name).toBe('ARTICLES');
  });

  it('keeps one copy of a stream unless the cluster asks for more', () => {
    expect(toStreamConfig(Namespace.none, STREAM_DEFINITIONS.articles).num_replicas).toBe(1);
    expect(toStreamConfig(Namespace.none, { ...STREAM_DEFINITIONS.articles, replicas: 3 }).num_replicas).toBe(3);
  });
});
