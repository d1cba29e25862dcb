import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { MessagingMetrics } from './messaging.metrics.js';

describe('MessagingMetrics', () => {
  it('registers once per registry and shares the metrics between instances', async () => {
    const registry = new Registry();
    const first = new MessagingMetrics(registry);
    const second = new MessagingMetrics(registry);
    expect(second.processed).toBe(first.processed);
    first.processed.inc({ consumer: 'c', subject: 's' });
    second.processed.inc({ consumer: 'c', subject: 's' });
    const metric = await registry.getSingleMetric('messaging_messages_processed_total')?.get();
    expect(metric?.values[0]?.value).toBe(2);
    expect(MessagingMetrics.forRegistry(registry)).toBe(MessagingMetrics.forRegistry(registry));
  });

  it('exposes every metric name', async () => {
    const registry = new Registry();
    new MessagingMetrics(registry);
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name).sort();
    expect(names).toEqual([
      'messaging_consumer_pending',
      'messaging_handler_duration_seconds',
      'messaging_messages_dead_lettered_total',
      'messaging_messages_failed_total',
      'messaging_messages_processed_total',
      'messaging_messages_redelivered_total',
      'messaging_published_total',
    ]);
  });

  it('reads consumer pending from tracked probes on scrape', async () => {
    const registry = new Registry();
    const metrics = new MessagingMetrics(registry);
    const untrack = metrics.trackPending('orders', async () => 7);
    metrics.trackPending('broken', async () => {
      throw new Error('nats down');
    });
    expect(await registry.getSingleMetricAsString('messaging_consumer_pending')).toContain(
      'messaging_consumer_pending{consumer="orders"} 7',
    );
    untrack();
  });
});
